// Every OpenStack failure becomes a CloudError here, once: an HTTP answer (Nova's and Cinder's
// `{"<faultName>": {code, message}}`, Neutron's `{"NeutronError": {type, message}}`, Keystone's
// `{"error": {code, title, message}}`), a server's fault after the scheduler gave up, or a socket
// error. Quota and the scheduler's "No valid host" are CapacityError: the reconciler tries
// another zone or waits, as for EC2's InsufficientInstanceCapacity.
import { CloudError, type CloudErrorKind } from '../../../../ports/cloud-driver';
import { noAnswerError } from '../../no-answer';

const CAPACITY_TEXT = /no valid host|quota exceeded|exceeds? .*quota|insufficient .*(capacity|resources)/i;

export interface OpenStackAnswer {
  status: number;
  /** Nova's fault name, Neutron's error type, or Keystone's title. */
  code?: string;
  message: string;
  retryAfterMs?: number;
}

export function kindOfAnswer({ status, message }: OpenStackAnswer): CloudErrorKind {
  if (status === 429) return 'Throttled';
  // Nova answers an exceeded quota with 403 (servers, cores, ram) and Cinder with 413.
  if (CAPACITY_TEXT.test(message)) return 'CapacityError';
  // Older Nova rate limiting: 413 overLimit with a Retry-After.
  if (status === 413) return 'Throttled';
  if (status === 401 || status === 403) return 'AuthError';
  if (status === 404) return 'NotFound';
  if (status >= 500) return 'Transient';
  // 409: a state conflict ("Cannot 'stop' instance while it is in task_state powering-off") passes.
  if (status === 409) return 'Transient';
  return 'InvalidSpec';
}

/** The fault name and message of any OpenStack error body (or the raw text when it is none of them). */
export function parseErrorBody(text: string): { code?: string; message: string } {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const neutron = body.NeutronError as { type?: string; message?: string } | undefined;
    if (neutron?.message) return { code: neutron.type, message: neutron.message };
    const keystone = body.error as { title?: string; message?: string } | undefined;
    if (keystone?.message) return { code: keystone.title, message: keystone.message };
    for (const [name, value] of Object.entries(body)) {
      const fault = value as { message?: unknown } | null;
      if (fault && typeof fault.message === 'string') return { code: name, message: fault.message };
    }
  } catch {
    // Not JSON: a proxy's HTML page or plain text, kept as it came.
  }
  return { message: text.slice(0, 500) || 'no message' };
}

/** Seconds or an HTTP date, as Retry-After may carry either. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function answerError(action: string, answer: OpenStackAnswer): CloudError {
  return new CloudError(kindOfAnswer(answer), `OpenStack ${action}: ${answer.message}`, {
    ...(answer.code !== undefined ? { code: answer.code } : {}),
    httpStatus: answer.status,
    ...(answer.retryAfterMs !== undefined ? { retryAfterMs: answer.retryAfterMs } : {}),
    platform: 'openstack',
  });
}

/** A server that ended in ERROR: its fault says why (the scheduler's "No valid host was found"…). */
export function faultError(action: string, fault: { code: number; message: string } | undefined): CloudError {
  const message = fault?.message ?? 'the server went to ERROR without a fault';
  const kind: CloudErrorKind = CAPACITY_TEXT.test(message)
    ? 'CapacityError'
    : fault && fault.code < 500
      ? 'InvalidSpec'
      : 'Transient';
  return new CloudError(kind, `OpenStack ${action}: ${message}`, {
    code: 'ServerFault',
    platform: 'openstack',
  });
}

/** A call that got no answer: the egress guard refused it, the network failed, or it timed out. */
export function transportError(action: string, err: unknown): CloudError {
  return noAnswerError('openstack', 'OpenStack', action, err);
}
