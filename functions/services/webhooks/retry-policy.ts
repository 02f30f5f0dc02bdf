// What an attempt's outcome means for the delivery: delivered (2xx), try again later (timeout,
// connection error, 5xx, 429), or give up (any other status, including 3xx: redirects are not
// followed). The delay is exponential backoff with full jitter (a random wait in
// [0, min(max, base·2^(n-1))], AWS Architecture Blog "Exponential Backoff And Jitter"); a
// receiver's Retry-After replaces it, up to a cap.
import type { PostOutcome } from '../../ports/webhook-transport';
import type { RetryPolicy } from './deps';

export type Verdict =
  | { kind: 'delivered' }
  | { kind: 'retry'; delayMs: number; reason: string }
  | { kind: 'give-up'; reason: string };

export function isRetryable(outcome: PostOutcome): boolean {
  if (outcome.kind !== 'response') return true;
  return outcome.status >= 500 || outcome.status === 429;
}

export function backoffDelayMs(attemptNumber: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attemptNumber - 1));
  return Math.floor(random() * cap);
}

export function judgeOutcome(
  outcome: PostOutcome,
  attemptNumber: number,
  attemptLimit: number,
  policy: RetryPolicy,
  random: () => number,
): Verdict {
  if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300)
    return { kind: 'delivered' };
  const reason = outcome.kind === 'response' ? `HTTP ${outcome.status}` : `${outcome.kind}: ${outcome.error}`;
  if (!isRetryable(outcome)) return { kind: 'give-up', reason: `${reason} is not retried` };
  if (attemptNumber >= attemptLimit)
    return { kind: 'give-up', reason: `${reason} after ${attemptNumber} attempts` };
  const retryAfter = outcome.kind === 'response' ? outcome.retryAfterMs : null;
  const delayMs =
    retryAfter !== null
      ? Math.min(retryAfter, policy.maxRetryAfterMs)
      : backoffDelayMs(attemptNumber, policy, random);
  return { kind: 'retry', delayMs, reason };
}
