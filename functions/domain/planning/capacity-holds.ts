// When a farm role finds no capacity in any of its zones and instance types, every launch
// attempt leaves a Failed server and events behind; retrying at every follow-up would flood
// the farm's history. So the farm role is held: no launch before `until`, the wait doubling
// from 30 s to 10 min while the cloud keeps refusing, and cleared by the first launch that works.
// Holds live in the reconcile summary, so they survive between passes and processes.
export type CapacityHolds = Record<string, { until: string; backoffMs: number }>;

export interface CapacityBackoff {
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_CAPACITY_BACKOFF: CapacityBackoff = { firstMs: 30_000, maxMs: 10 * 60_000 };

export function nextCapacityHold(
  previous: { backoffMs: number } | undefined,
  now: Date,
  backoff = DEFAULT_CAPACITY_BACKOFF,
) {
  const backoffMs = previous ? Math.min(previous.backoffMs * 2, backoff.maxMs) : backoff.firstMs;
  return { until: new Date(now.getTime() + backoffMs).toISOString(), backoffMs };
}

/** Whether a farm role's hold still stops its launches; an ended hold is kept only to double the next wait. */
export function isCapacityHeld(hold: { until: string } | undefined, now: Date): boolean {
  return hold !== undefined && Date.parse(hold.until) > now.getTime();
}

/** Milliseconds until the earliest hold ends, or null when there is none. */
export function untilFirstHoldEnds(holds: CapacityHolds, now: Date): number | null {
  const ends = Object.values(holds).map((h) => Date.parse(h.until) - now.getTime());
  return ends.length ? Math.max(0, Math.min(...ends)) : null;
}
