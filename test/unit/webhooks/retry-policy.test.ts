// judgeOutcome: what an attempt's outcome means — delivered, retried later (timeouts, connection
// errors, 5xx, 429 with its Retry-After), or given up (other 4xx, 3xx, the last attempt).
import { describe, expect, it } from 'vitest';
import type { PostOutcome } from '../../../functions/ports/webhook-transport';
import { backoffDelayMs, judgeOutcome } from '../../../functions/services/webhooks/retry-policy';

const policy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxRetryAfterMs: 30_000 };
const status = (code: number, retryAfterMs: number | null = null): PostOutcome => ({
  kind: 'response',
  status: code,
  retryAfterMs,
  excerpt: '',
  latencyMs: 1,
});
const max = () => 0.999999;

const cases: [why: string, outcome: PostOutcome, attempt: number, expected: string, delay?: number][] = [
  ['200 is delivered', status(200), 1, 'delivered'],
  ['204 is delivered', status(204), 1, 'delivered'],
  ['500 is retried', status(500), 1, 'retry'],
  ['503 is retried', status(503), 2, 'retry'],
  ['429 is retried', status(429), 1, 'retry'],
  ['429 with Retry-After waits that long', status(429, 5000), 1, 'retry', 5000],
  ['Retry-After is capped', status(503, 3_600_000), 1, 'retry', 30_000],
  ['a timeout is retried', { kind: 'timeout', latencyMs: 5000, error: 'slow' }, 1, 'retry'],
  ['a refused connection is retried', { kind: 'network', latencyMs: 1, error: 'ECONNREFUSED' }, 1, 'retry'],
  ['400 is not retried', status(400), 1, 'give-up'],
  ['404 is not retried', status(404), 1, 'give-up'],
  ['410 is not retried', status(410), 1, 'give-up'],
  ['a redirect is not followed nor retried', status(301), 1, 'give-up'],
  ['500 on the last attempt gives up', status(500), 3, 'give-up'],
];

describe('judgeOutcome', () => {
  it.each(cases)('%s', (_why, outcome, attempt, expected, delay) => {
    const verdict = judgeOutcome(outcome, attempt, 3, policy, max);
    expect(verdict.kind).toBe(expected);
    if (delay !== undefined && verdict.kind === 'retry') expect(verdict.delayMs).toBe(delay);
  });
});

describe('backoffDelayMs (full jitter)', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [10, 60_000],
  ])('attempt %i waits at most %i ms', (attempt, cap) => {
    expect(backoffDelayMs(attempt, policy, max)).toBe(cap - 1);
    expect(backoffDelayMs(attempt, policy, () => 0)).toBe(0);
  });
});
