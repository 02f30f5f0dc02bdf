// The one place where EC2/STS SDK errors become CloudError kinds the reconciler acts on.
// Order matters: InvalidAMIID.NotFound is a bad spec, not a missing instance, so the
// specific families are checked before the generic `*.NotFound`.
import { CloudError, type CloudErrorKind, EGRESS_REFUSED } from '../../../ports/cloud-driver';

const THROTTLING = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'EC2ThrottledException',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
  'SlowDown',
]);
const CAPACITY = new Set([
  'InsufficientInstanceCapacity',
  'InsufficientCapacity',
  'InsufficientHostCapacity',
  'InsufficientAddressCapacity',
  'InsufficientFreeAddressesInSubnet',
  'InsufficientReservedInstanceCapacity',
  'InstanceLimitExceeded',
  'VcpuLimitExceeded',
  'Unsupported',
]);
const AUTH = new Set([
  'AuthFailure',
  'UnauthorizedOperation',
  'InvalidClientTokenId',
  'ExpiredToken',
  'RequestExpired',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'AccessDeniedException',
  'OptInRequired',
  'Blocked',
  'CredentialsProviderError',
]);
const INVALID = new Set([
  'MissingParameter',
  'InvalidParameter',
  'IdempotentParameterMismatch',
  'InvalidBlockDeviceMapping',
  'InvalidInstanceType',
  'InvalidAction',
  'ValidationError',
  'TagLimitExceeded',
]);
const NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

export function kindOf(code: string, status: number | undefined): CloudErrorKind {
  if (THROTTLING.has(code) || status === 429) return 'Throttled';
  if (CAPACITY.has(code)) return 'CapacityError';
  if (AUTH.has(code) || status === 401 || status === 403) return 'AuthError';
  if (
    code.startsWith('InvalidAMIID.') ||
    code.startsWith('InvalidParameter') ||
    code.endsWith('.Malformed')
  ) {
    return 'InvalidSpec';
  }
  if (code.endsWith('.NotFound') || code === 'NotFound') return 'NotFound';
  if (INVALID.has(code) || code.startsWith('Invalid')) return 'InvalidSpec';
  // Everything else (5xx, IncorrectInstanceState on a pending instance, unknown codes) is worth another pass.
  return 'Transient';
}

/** Maps any error thrown by an EC2 or STS call (or the credential chain) to a CloudError. */
export function toCloudError(err: unknown): CloudError {
  if (err instanceof CloudError) return err;
  const e = (err ?? {}) as SdkErrorShape;
  // The egress guard refused the connection (adapters/egress): the endpoint needs a person.
  if (e.code === EGRESS_REFUSED)
    return new CloudError('InvalidSpec', e.message ?? 'egress refused', {
      code: EGRESS_REFUSED,
      platform: 'aws',
      cause: err,
    });
  const code = e.Code ?? (e.code && !NETWORK.has(e.code) ? e.code : undefined) ?? e.name ?? 'Unknown';
  const status = e.$metadata?.httpStatusCode;
  const networkFailure = e.code !== undefined && NETWORK.has(e.code);
  const kind = networkFailure ? 'Transient' : kindOf(code, status);
  const retryAfter = Number(e.$response?.headers?.['retry-after']);
  return new CloudError(kind, `${code}: ${e.message ?? String(err)}`, {
    code: networkFailure ? e.code : code,
    ...(status !== undefined ? { httpStatus: status } : {}),
    platform: 'aws',
    cause: err,
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
  });
}
