// What a failed cloud call is called when it reaches a user (Test connection, the portal's
// region and instance type lists): Drover's own words for the kind of failure, with the HTTP
// status and the cloud's error code when they look like one. Never the text of the answer: the
// endpoint may be a URL a tenant set, and echoing what it said would turn the platform into a
// reader of whatever that URL reaches (an instance metadata service, an internal API).
import { DroverError } from '../domain/errors';
import { CloudError, type CloudErrorKind, EGRESS_REFUSED } from '../ports/cloud-driver';

const KIND_TEXT: Record<CloudErrorKind, string> = {
  AuthError: 'the cloud refused these credentials',
  Throttled: 'the cloud is throttling requests',
  CapacityError: 'the cloud has no capacity for the request',
  InvalidSpec: 'the cloud refused the request as invalid',
  NotFound: 'the cloud did not find what was asked for',
  Transient: 'the cloud could not be reached or failed to answer',
};

/** An error code as clouds spell them (AuthFailure, RATE_LIMIT_EXCEEDED, ECONNREFUSED); anything else is dropped. */
const CODE = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

export function describeCloudFailure(err: unknown): string {
  if (!(err instanceof CloudError)) return 'the cloud could not be reached';
  const { code, httpStatus } = err.details;
  if (code === EGRESS_REFUSED)
    return 'the endpoint is not reachable under the hosted egress rules (its address is not public and not on the operator allow-list)';
  const facts = [
    ...(httpStatus !== undefined && Number.isInteger(httpStatus) ? [`HTTP ${httpStatus}`] : []),
    ...(code && CODE.test(code) && code !== String(httpStatus) ? [code] : []),
  ];
  return `${KIND_TEXT[err.kind] ?? KIND_TEXT.Transient}${facts.length ? ` (${facts.join(', ')})` : ''}`;
}

/** The facts of a cloud failure that may go into an event's payload: kind, HTTP status, a code that looks like one. */
export function cloudFailureFacts(err: CloudError): {
  kind: CloudErrorKind;
  code?: string;
  httpStatus?: number;
} {
  const { code, httpStatus } = err.details;
  return {
    kind: err.kind,
    ...(code && CODE.test(code) ? { code } : {}),
    ...(httpStatus !== undefined && Number.isInteger(httpStatus) ? { httpStatus } : {}),
  };
}

/**
 * What any failure is called in records a user reads (farm events, server status, farm
 * reasons): a cloud failure in Drover's words, a DroverError by its own message (Drover wrote
 * it), anything else — a bug — as an internal error. Callers log the error itself.
 */
export function describeFailure(err: unknown): string {
  if (err instanceof CloudError) return describeCloudFailure(err);
  if (err instanceof DroverError) return err.message;
  return 'an internal error (logged for the operator)';
}
