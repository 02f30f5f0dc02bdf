// A cloud's refusal or silence during a user's action (reboot or terminate one server, test
// credentials, list instance types) answered as what it is: the cloud's fault (502/503) or the
// request's (422), never a 500. The detail is in our words: a cloud's own message can carry
// account ids, ARNs or request ids of the platform's side.

import type { Problem } from '../../../contract/problem';
import type { CloudError, CloudErrorKind } from '../../../ports/cloud-driver';

export const CLOUD_PROBLEMS: Record<CloudErrorKind, { status: number; title: string; detail: string }> = {
  Throttled: {
    status: 503,
    title: 'Cloud busy',
    detail: 'The cloud is limiting calls from these credentials right now; retry in a moment.',
  },
  CapacityError: {
    status: 503,
    title: 'Cloud capacity',
    detail: 'The cloud has no capacity for this right now; retry later or choose another zone or type.',
  },
  Transient: {
    status: 502,
    title: 'Cloud unreachable',
    detail: 'The cloud could not be reached or answered with an error; retry later.',
  },
  AuthError: {
    status: 422,
    title: 'Cloud credentials refused',
    detail: 'The cloud refused these credentials; check them (and the role or key they name).',
  },
  InvalidSpec: {
    status: 422,
    title: 'Refused by the cloud',
    detail: 'The cloud refused the request as invalid for it (an image, type, region or network).',
  },
  NotFound: {
    status: 422,
    title: 'Not found in the cloud',
    detail: 'The cloud does not know the instance or resource this acts on.',
  },
};

/** The problem for a cloud error, and a Retry-After when the cloud said how long to wait. */
export function cloudProblem(
  error: CloudError,
  requestId?: string,
): { problem: Problem; headers: Record<string, string> } {
  const known = CLOUD_PROBLEMS[error.kind] ?? CLOUD_PROBLEMS.Transient;
  const problem: Problem = {
    type: 'about:blank',
    title: known.title,
    status: known.status,
    detail: known.detail,
    code: `Cloud${error.kind}`,
    ...(requestId ? { instance: requestId } : {}),
  };
  const retryAfterMs = error.details.retryAfterMs;
  const headers: Record<string, string> =
    known.status === 503 && retryAfterMs !== undefined
      ? { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) }
      : {};
  return { problem, headers };
}
