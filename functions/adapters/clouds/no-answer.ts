// A call to a cloud that got no answer at all, as a CloudError, the same for every driver on
// Drover's own clients (OpenStack, CloudStack): the egress guard refused the connection
// (InvalidSpec: the endpoint is not allowed), the certificate was not trusted (AuthError), or the
// network failed or the call timed out (Transient: try again).

import type { Platform } from '../../domain/schemas/common';
import { CloudError, type CloudErrorKind, EGRESS_REFUSED } from '../../ports/cloud-driver';

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The first string `code` down an error's `cause` chain (fetch wraps the socket's error). */
export function codeDownTheChain(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** `label` names the cloud in the message (`OpenStack servers.create: …`). */
export function noAnswerError(platform: Platform, label: string, action: string, err: unknown): CloudError {
  if (err instanceof CloudError) return err;
  const code = codeDownTheChain(err);
  if (code === EGRESS_REFUSED)
    return new CloudError('InvalidSpec', `${label} ${action}: egress refused`, {
      code,
      platform,
      cause: err,
    });
  const timedOut = (err as { name?: string })?.name === 'TimeoutError';
  const kind: CloudErrorKind =
    timedOut || (code !== undefined && NETWORK_CODES.has(code))
      ? 'Transient'
      : code?.startsWith('ERR_TLS') || code?.includes('CERT')
        ? 'AuthError'
        : 'Transient';
  return new CloudError(kind, `${label} ${action}: ${(err as Error)?.message ?? String(err)}`, {
    ...(code !== undefined ? { code } : {}),
    platform,
    cause: err,
  });
}
