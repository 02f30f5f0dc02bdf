// How a delivery and its attempts read: the status as a badge (the word always written) and the
// last attempt's result in a few words ("HTTP 500 · 12 ms", "connection refused").
import type { Delivery, DeliveryAttempt } from '../../../functions/domain/schemas/webhook';

const tones: Record<string, string> = {
  succeeded: 'ok',
  pending: 'busy',
  delivering: 'busy',
  retrying: 'warn',
  failed: 'warn',
  'in-flight': 'busy',
  refused: 'warn',
  interrupted: 'warn',
};

/** Statuses after which nothing more happens by itself. */
export const FINISHED = new Set(['succeeded', 'failed']);

export function DeliveryStatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${tones[status] ?? 'off'}`}>{status}</span>;
}

export function latency(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The attempt's error when it says more than its HTTP status does. */
export function attemptError(attempt: DeliveryAttempt): string | null {
  return attempt.error && attempt.error !== `HTTP ${attempt.httpStatus}` ? attempt.error : null;
}

/** "HTTP 500", "connection refused", "HTTP 429 · rate limited"; latency is shown apart. */
export function attemptResult(attempt: DeliveryAttempt): string {
  const parts = [
    attempt.httpStatus !== null ? `HTTP ${attempt.httpStatus}` : '',
    attemptError(attempt) ?? '',
  ];
  return parts.filter(Boolean).join(' · ') || attempt.outcome;
}

export function lastResult(delivery: Delivery): string {
  const last = delivery.attempts.at(-1);
  return last ? attemptResult(last) : 'not attempted yet';
}
