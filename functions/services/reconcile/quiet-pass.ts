// A quiet pass writes nothing. Most passes find nothing to do (a converged farm, looked at by the
// safety net), and the lease put and delete and the summary put were three writes each, every
// pass. So a pass first looks without the lease: it reads and plans as any pass does and stops
// at the first thing it would write — the farm's lease (expiry, warning), a stuck execution to
// settle, an action to apply — by throwing NeedsLease. Only then is the lease taken and the pass
// run again under it, from fresh reads, exactly as before (a plan made before the lease may be
// stale: another pass may have acted meanwhile). A look that found nothing to do saves the
// summary only when it says something new, or when the stored one is old (it names the last pass
// people see, and it expires by the account's retention when not rewritten).
import type { Farm } from '../../domain/schemas/farm';
import type { Policy } from '../../domain/schemas/policy';
import type { ReconcileSummary } from '../../ports/store';
import { keepLease } from './farm-lease';

/** How old a stored summary may get before a quiet pass rewrites it. */
export const SUMMARY_REFRESH_MS = 60 * 60_000;

/** Thrown by a pass without the lease at the first write it would make. */
export class NeedsLease extends Error {
  constructor(readonly why: string) {
    super(`the pass must act (${why}): it takes the farm's lease`);
  }
}

/** Stops a pass without the lease before a write; a leased pass goes on. */
export function mustAct(leased: boolean, why: string): void {
  if (!leased) throw new NeedsLease(why);
}

/** Whether keeping the farm's lease would write or publish anything (keepLease, run against a store that refuses writes). */
export async function leaseWouldAct(
  farm: Farm,
  policies: readonly Policy[],
  warnedFor: string | undefined,
  now: Date,
): Promise<boolean> {
  const refuse = {
    update: () => Promise.reject(new NeedsLease('farm lease')),
  } as unknown as Parameters<typeof keepLease>[0]['farms'];
  try {
    const outcome = await keepLease({ farms: refuse }, farm, policies, warnedFor, now);
    return outcome.events.length > 0;
  } catch (err) {
    if (err instanceof NeedsLease) return true;
    throw err;
  }
}

/** What a summary says, without when it was said or the pass's own call counts. */
function gist(summary: ReconcileSummary): string {
  const { lastReconcileAt: _at, cloudCalls: _calls, ...rest } = summary;
  return JSON.stringify(sorted(rest));
}

/** The value with its objects' keys in order, so two equal summaries print alike (undefined fields dropped). */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]));
}

/** Whether a pass that acted on nothing must still save its summary. */
export function summaryWorthSaving(
  summary: ReconcileSummary,
  previous: ReconcileSummary | undefined,
  healedSeconds: readonly number[],
  now: Date,
): boolean {
  if (!previous) return true;
  // Healing times are counted from the stored pass's time: the pass that saw them moves it on.
  if (healedSeconds.length > 0) return true;
  if (now.getTime() - Date.parse(previous.lastReconcileAt) >= SUMMARY_REFRESH_MS) return true;
  return gist(summary) !== gist(previous);
}
