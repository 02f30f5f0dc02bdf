// Google API errors as the Compute Engine REST API sends them: the JSON body
// `{"error":{"code","message","errors":[{message,domain,reason}],"status","details"}}`.
// `errors[].reason` is what older clients read; `details[]` with a google.rpc.ErrorInfo is
// what the gax REST transport decodes into `err.reason`, so both are sent.

export class GceApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: string,
    readonly reason: string,
    message: string,
    readonly domain = 'global',
    readonly errorInfo?: { reason: string; metadata?: Record<string, string> },
  ) {
    super(message);
    this.name = 'GceApiError';
  }

  toJSON(): unknown {
    return {
      error: {
        code: this.httpStatus,
        message: this.message,
        errors: [{ message: this.message, domain: this.domain, reason: this.reason }],
        status: this.status,
        ...(this.errorInfo && {
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: this.errorInfo.reason,
              domain: 'googleapis.com',
              metadata: { service: 'compute.googleapis.com', ...this.errorInfo.metadata },
            },
          ],
        }),
      },
    };
  }
}

export const notFound = (resource: string) =>
  new GceApiError(404, 'NOT_FOUND', 'notFound', `The resource '${resource}' was not found`);

export const alreadyExists = (resource: string) =>
  new GceApiError(409, 'ALREADY_EXISTS', 'alreadyExists', `The resource '${resource}' already exists`);

export const invalid = (message: string) => new GceApiError(400, 'INVALID_ARGUMENT', 'invalid', message);

export const invalidField = (field: string, value: unknown, why: string) =>
  invalid(`Invalid value for field '${field}': '${String(value)}'. ${why}`);

export const resourceNotReady = (resource: string) =>
  new GceApiError(400, 'FAILED_PRECONDITION', 'resourceNotReady', `The resource '${resource}' is not ready`);

export const rateLimitExceeded = (project: string) =>
  new GceApiError(
    429,
    'RESOURCE_EXHAUSTED',
    'rateLimitExceeded',
    `Quota exceeded for quota metric 'Queries' and limit 'Queries per minute' of service 'compute.googleapis.com' for consumer 'project:${project}'.`,
    'usageLimits',
    {
      reason: 'RATE_LIMIT_EXCEEDED',
      metadata: { quota_metric: 'compute.googleapis.com/default', consumer: `projects/${project}` },
    },
  );

export const backendError = (status: 500 | 503): GceApiError =>
  status === 503
    ? new GceApiError(503, 'UNAVAILABLE', 'backendError', 'The service is currently unavailable.')
    : new GceApiError(
        500,
        'INTERNAL',
        'backendError',
        'Internal error. Please try again or contact Google Support.',
      );

export const unauthenticated = (why: string) =>
  new GceApiError(
    401,
    'UNAUTHENTICATED',
    'authError',
    `Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. (${why})`,
    'global',
    { reason: 'ACCESS_TOKEN_TYPE_UNSUPPORTED' },
  );

export const methodNotFound = (method: string, path: string) =>
  new GceApiError(404, 'NOT_FOUND', 'notFound', `The sandbox does not implement ${method} ${path}`);

/** An operation's error entry (operations carry `error.errors[]` with an UPPER_CASE code). */
export interface OperationErrorEntry {
  code: string;
  message: string;
}

export function zoneResourcePoolExhausted(project: string, zone: string): OperationErrorEntry {
  return {
    code: 'ZONE_RESOURCE_POOL_EXHAUSTED',
    message: `The zone 'projects/${project}/zones/${zone}' does not have enough resources available to fulfill the request.  Try a different zone, or try again later.`,
  };
}
