// Every GCE failure becomes a CloudError here, once. Two sources: API errors (the HTTP answer,
// which gax turns into a GoogleError with a gRPC `code`, the `httpStatusCode` and the ErrorInfo
// `reason`), and operation errors (an insert GCE accepted, whose operation ends with
// `error.errors[].code` such as ZONE_RESOURCE_POOL_EXHAUSTED and an `httpErrorStatusCode`).
import { CloudError, type CloudErrorKind, EGRESS_REFUSED } from '../../../ports/cloud-driver';

/** gaxios and gax wrap the socket's error: look for the egress guard's code down the cause chain. */
function hasEgressRefusal(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.code === EGRESS_REFUSED) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** gRPC status codes as gax reports them (google.rpc.Code). */
const Code = {
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

interface GoogleLikeError {
  code?: number | string;
  httpStatusCode?: number;
  reason?: string;
  message?: string;
}

const THROTTLING_TEXT = /rate limit exceeded|quota exceeded|too many requests/i;
const CAPACITY_CODES = /RESOURCE_POOL_EXHAUSTED|STOCKOUT|RESOURCE_AVAILABILITY/;

function kindOfApiError(e: GoogleLikeError): CloudErrorKind {
  const message = e.message ?? '';
  const status = e.httpStatusCode;
  if (typeof e.code === 'string') {
    // Node and OpenSSL errors: a refused connection, or a key that cannot sign.
    return e.code.startsWith('ERR_OSSL') ? 'AuthError' : 'Transient';
  }
  if (status === 429 || e.code === Code.RESOURCE_EXHAUSTED || /RATE_LIMIT|QUOTA/.test(e.reason ?? ''))
    return 'Throttled';
  // Older GCE answers rate limits with 403 rateLimitExceeded.
  if ((status === 403 || e.code === Code.PERMISSION_DENIED) && THROTTLING_TEXT.test(message))
    return 'Throttled';
  if (CAPACITY_CODES.test(message) || /does not have enough resources available/.test(message))
    return 'CapacityError';
  if (
    status === 401 ||
    status === 403 ||
    e.code === Code.UNAUTHENTICATED ||
    e.code === Code.PERMISSION_DENIED
  )
    return 'AuthError';
  if (status === 404 || e.code === Code.NOT_FOUND) return 'NotFound';
  if (/is not ready/.test(message)) return 'Transient';
  if (status !== undefined && status >= 500) return 'Transient';
  if (
    status === 400 ||
    status === 409 ||
    e.code === Code.INVALID_ARGUMENT ||
    e.code === Code.ALREADY_EXISTS ||
    e.code === Code.FAILED_PRECONDITION ||
    e.code === Code.OUT_OF_RANGE
  )
    return 'InvalidSpec';
  return 'Transient';
}

export function isAlreadyExists(err: unknown): boolean {
  const e = err as GoogleLikeError;
  return e?.httpStatusCode === 409 || e?.code === Code.ALREADY_EXISTS;
}

/** Maps anything an SDK call threw. `action` names the call for the message. */
export function toCloudError(err: unknown, action: string): CloudError {
  if (err instanceof CloudError) return err;
  const e = (err ?? {}) as GoogleLikeError;
  // The egress guard refused the connection (adapters/egress): the endpoint needs a person.
  if (e.code === EGRESS_REFUSED || hasEgressRefusal(err))
    return new CloudError('InvalidSpec', `GCE ${action}: egress refused`, {
      code: EGRESS_REFUSED,
      platform: 'gce',
      cause: err,
    });
  const kind = kindOfApiError(e);
  const code =
    e.reason ??
    (e.httpStatusCode !== undefined
      ? String(e.httpStatusCode)
      : e.code !== undefined
        ? String(e.code)
        : undefined);
  return new CloudError(kind, `GCE ${action}: ${e.message ?? String(err)}`, {
    code,
    ...(e.httpStatusCode !== undefined ? { httpStatus: e.httpStatusCode } : {}),
    platform: 'gce',
    cause: err,
  });
}

export interface OperationError {
  errors?: { code?: string | null; message?: string | null }[] | null;
}

/** Maps a finished operation's error (the call itself succeeded; the work did not). */
export function operationError(
  error: OperationError,
  httpErrorStatusCode: number | null | undefined,
  action: string,
): CloudError {
  const first = error.errors?.[0] ?? {};
  const code = first.code ?? 'UNKNOWN';
  const message = `GCE ${action}: ${code}: ${first.message ?? 'operation failed'}`;
  let kind: CloudErrorKind;
  if (CAPACITY_CODES.test(code)) kind = 'CapacityError';
  else if (/QUOTA|RATE_LIMIT/.test(code)) kind = 'Throttled';
  else if (/NOT_FOUND/.test(code)) kind = 'NotFound';
  else if (/NOT_READY|INTERNAL|UNAVAILABLE|TIMEOUT/.test(code)) kind = 'Transient';
  else if (/PERMISSION|UNAUTHORIZED|FORBIDDEN/.test(code)) kind = 'AuthError';
  else if (httpErrorStatusCode && httpErrorStatusCode >= 400 && httpErrorStatusCode < 500)
    kind = 'InvalidSpec';
  else if (/INVALID|BAD_REQUEST|ALREADY_EXISTS|CONDITION_NOT_MET|UNSUPPORTED/.test(code))
    kind = 'InvalidSpec';
  else kind = 'Transient';
  return new CloudError(kind, message, { code, platform: 'gce', cause: error });
}
