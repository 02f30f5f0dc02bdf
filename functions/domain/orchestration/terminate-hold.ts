// How long a server's terminate waits for its own BeforeHostTerminate scripts. The reconciler
// writes the server Pending Terminate and raises BeforeHostTerminate; the orchestrator queues the
// scripts on that server, whose agent is still alive. While blocking ones are open, the cloud
// terminate waits — for each script its timeout counted from when it started (from the Pending
// Terminate moment while it is queued), plus a grace for the agent's report to arrive; the whole
// hold is capped from Pending Terminate, so a hung agent or a lost result cannot keep an instance
// for ever. A script's result normally ends the hold at once (no open execution is left).
import type { Execution } from '../schemas/orchestration';
import type { ServerStatus } from '../schemas/server';
import { BEFORE_TERMINATE_EVENT } from './match-rules';

/** The longest a terminate waits for BeforeHostTerminate scripts. */
export const BEFORE_TERMINATE_HOLD_CAP_MS = 10 * 60_000;

/** How long after a script's timeout its agent's report may take to arrive (it stops the script first). */
export const BEFORE_TERMINATE_REPORT_GRACE_MS = 15_000;

/** Statuses whose agent runs scripts: only their terminate is held (a booting or stopped server's is not). */
export const HOLDABLE_STATUSES: readonly ServerStatus[] = ['Initializing', 'Running'];

/**
 * The moment (ms) until which the terminate waits, or null when it need not: no blocking
 * BeforeHostTerminate execution is open on the server, or the cap has passed.
 */
export function beforeTerminateHoldUntil(
  open: readonly (Pick<Execution, 'eventName' | 'blocking' | 'status' | 'timeoutSeconds'> & {
    startedAt?: string | null;
  })[],
  pendingTerminateAt: string | undefined,
  now: Date,
  capMs: number = BEFORE_TERMINATE_HOLD_CAP_MS,
): number | null {
  const holding = open.filter(
    (e) =>
      e.eventName === BEFORE_TERMINATE_EVENT &&
      e.blocking &&
      (e.status === 'queued' || e.status === 'running'),
  );
  if (holding.length === 0 || !pendingTerminateAt) return null;
  const pendingAt = Date.parse(pendingTerminateAt);
  const ends = holding.map(
    (e) =>
      Math.max(pendingAt, e.startedAt ? Date.parse(e.startedAt) : pendingAt) +
      e.timeoutSeconds * 1000 +
      BEFORE_TERMINATE_REPORT_GRACE_MS,
  );
  const until = Math.min(Math.max(...ends), pendingAt + capMs);
  return now.getTime() < until ? until : null;
}

/**
 * Whether a Pending Terminate server was Initializing or Running just before: only then did its
 * agent take the scripts (a booting or stopped server's terminate was never held).
 */
export function wasLiveWhenTerminated(timestamps: Partial<Record<ServerStatus, string>>): boolean {
  const before = Object.entries(timestamps)
    .filter(([status]) => status !== 'Pending Terminate')
    .sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))
    .at(-1);
  return before !== undefined && HOLDABLE_STATUSES.includes(before[0] as ServerStatus);
}
