// Executions an agent stopped reporting on: the agent process was killed or its host crashed while
// a script ran, so no result will ever come. Left alone they stay `running` for ever (the portal
// shows a script still going, a restarted agent's start answers 409). These functions decide when
// the control plane settles one and how; the reconciler applies them on every pass and the agent's
// start applies the restart case (functions/services/orchestration/stuck-executions.ts).
import type { Execution, ExecutionStatus } from '../schemas/orchestration';
import type { ServerStatus } from '../schemas/server';

/** Beyond its own timeout, what an agent gets to report a result (kill grace, retries, a slow API). */
export const STUCK_EXECUTION_GRACE_MS = 120_000;

/** Statuses after which a server runs nothing more (Pending Terminate still runs BeforeHostTerminate). */
const ENDED: readonly ServerStatus[] = ['Terminated', 'Failed'];

export interface StuckSettlement {
  status: Extract<ExecutionStatus, 'timed-out' | 'cancelled' | 'failed'>;
  /** Appended to stderrTail, after whatever output the agent did send. */
  note: string;
}

/**
 * What to do with an open execution, given its server (undefined: the server record is gone) and
 * the time. Null: leave it, the agent may still report. A queued execution on a live server is left
 * too: its agent will fetch it when it comes back, and nothing waits on it meanwhile.
 */
export function settleStuckExecution(
  execution: Pick<Execution, 'status' | 'startedAt' | 'timeoutSeconds'>,
  server: { status: ServerStatus } | undefined,
  now: Date,
  graceMs: number = STUCK_EXECUTION_GRACE_MS,
): StuckSettlement | null {
  if (execution.status !== 'queued' && execution.status !== 'running') return null;
  if (!server || ENDED.includes(server.status)) {
    const why = server ? `the server is ${server.status}` : 'the server is gone';
    return {
      status: 'cancelled',
      note:
        execution.status === 'running'
          ? `the agent stopped reporting: ${why}`
          : `not run: ${why} before its agent took the task`,
    };
  }
  if (execution.status !== 'running' || !execution.startedAt) return null;
  const deadline = Date.parse(execution.startedAt) + execution.timeoutSeconds * 1000 + graceMs;
  if (now.getTime() <= deadline) return null;
  return {
    status: 'timed-out',
    note: `the agent stopped reporting: no result ${Math.round(graceMs / 1000)} s after the script's ${execution.timeoutSeconds} s timeout`,
  };
}

/**
 * A start for an execution already `running` on the same server comes from a new agent process: the
 * one that started it is gone (an agent takes each task once per process). Its script died with it
 * or ran on unwatched, so its outcome is unknown: it fails at once rather than run a second time
 * (scripts need not be idempotent) or block the boot. A restarted agent reports BeforeHostUp again,
 * which queues fresh boot scripts, so this failure does not fail the server.
 */
export function settleRestartedExecution(execution: Pick<Execution, 'status'>): StuckSettlement | null {
  if (execution.status !== 'running') return null;
  return {
    status: 'failed',
    note: 'the agent stopped reporting: it restarted while the script ran, so its outcome is unknown',
  };
}
