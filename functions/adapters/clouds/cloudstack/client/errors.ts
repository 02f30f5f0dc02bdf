// Every CloudStack failure becomes a CloudError here, once. CloudStack answers errors with an
// HTTP status equal to its `errorcode`: 401 unauthenticated (a bad key or signature, an expired
// request), 429 throttled (the api.throttling limit), 431 a bad parameter (also how it says an id
// names nothing: "entity does not exist"), 432 unsupported command, 436 a resource limit of the
// account, 530 internal error, 531 permission denied, 533 insufficient capacity, 534/535 resources unavailable. An async
// job that failed carries the same codes in its jobresult.
import { CloudError, type CloudErrorKind } from '../../../../ports/cloud-driver';
import { noAnswerError } from '../../no-answer';

const NOT_FOUND_TEXT = /does not exist|unable to find|not found|no such|invalid parameter id value/i;

export interface CloudStackFailure {
  /** The HTTP status of the answer (absent for a failed async job, which answered 200). */
  httpStatus?: number;
  errorcode: number;
  cserrorcode?: number;
  errortext: string;
}

export function kindOfFailure({ errorcode, errortext }: CloudStackFailure): CloudErrorKind {
  // 531: the account may not do that (PermissionDenied), e.g. expunge without the setting.
  if (errorcode === 401 || errorcode === 403 || errorcode === 531) return 'AuthError';
  if (errorcode === 429) return 'Throttled';
  if (errorcode === 533 || errorcode === 534 || errorcode === 535 || errorcode === 436)
    return 'CapacityError';
  if (errorcode === 431 || errorcode === 404)
    return NOT_FOUND_TEXT.test(errortext) ? 'NotFound' : 'InvalidSpec';
  if (errorcode >= 500) return 'Transient';
  return 'InvalidSpec';
}

export function failureError(command: string, failure: CloudStackFailure, retryAfterMs?: number): CloudError {
  return new CloudError(kindOfFailure(failure), `CloudStack ${command}: ${failure.errortext}`, {
    code: String(failure.cserrorcode ?? failure.errorcode),
    ...(failure.httpStatus !== undefined ? { httpStatus: failure.httpStatus } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    platform: 'cloudstack',
  });
}

/** An answer that is not CloudStack's JSON at all (a proxy's 502/504 page): by its HTTP status. */
export function statusError(command: string, status: number, text: string): CloudError {
  return failureError(command, {
    httpStatus: status,
    errorcode: status,
    errortext: `HTTP ${status} ${text
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200)}`,
  });
}

/** Seconds, as a Retry-After may carry them. */
export function retryAfterMs(header: string | null): number | undefined {
  const seconds = header ? Number(header) : Number.NaN;
  return Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : undefined;
}

/** A call that got no answer: the egress guard refused it, the network failed, or it timed out. */
export function transportError(command: string, err: unknown): CloudError {
  return noAnswerError('cloudstack', 'CloudStack', command, err);
}
