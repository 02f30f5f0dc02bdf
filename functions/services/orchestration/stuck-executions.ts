// Settles the executions an agent stopped reporting on (the decision is
// functions/domain/orchestration/stuck-executions.ts). The reconciler calls this on every pass: it
// is the one thing certain to run for a live farm whether or not any agent is alive, and it has the
// farm's servers in hand already. That costs one small index Query per server per pass (the
// server's open tasks, usually none); a server ended long ago is not asked again, its HostDown
// cancelled its tasks when it passed and this only backs that up for an hour.
import { PreconditionFailed } from '../../domain/errors';
import { type StuckSettlement, settleStuckExecution } from '../../domain/orchestration/stuck-executions';
import { type Execution, ORCHESTRATION_LIMITS } from '../../domain/schemas/orchestration';
import type { Server } from '../../domain/schemas/server';
import type { Clock } from '../../ports/clock';
import type { Store } from '../../ports/store';
import { lastBytes } from './output-tail';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type StuckExecutionsRepos = Pick<Store, 'executions'>;

/** How long after a server ended the reconciler still looks for its open tasks. */
const ENDED_SERVER_WATCH_MS = 3_600_000;
/** A queued execution not started this long after its nudge gets another (the first may have been lost). */
export const RENUDGE_AFTER_MS = 60_000;

/** Whether the execution's agent should be nudged again: queued, and not started for a while. */
export const waitsTooLong = (e: Execution, now: Date) =>
  e.status === 'queued' && now.getTime() - Date.parse(e.createdAt) >= RENUDGE_AFTER_MS;

/** Servers asked at once: a big farm must not burst the index's read capacity. */
const CONCURRENCY = 16;

/** The execution as settled: the output kept so far, then the reason on stderr. */
export function settledExecution(e: Execution, settlement: StuckSettlement, now: string): Execution {
  const separator = e.stderrTail === '' || e.stderrTail.endsWith('\n') ? '' : '\n';
  return {
    ...e,
    status: settlement.status,
    endedAt: now,
    timedOut: settlement.status === 'timed-out' || e.timedOut,
    stderrTail: lastBytes(
      `${e.stderrTail}${separator}[drover] ${settlement.note}\n`,
      ORCHESTRATION_LIMITS.outputTailBytes,
    ),
    version: e.version + 1,
  };
}

/**
 * Settles the stuck executions of a farm's servers; returns those it settled. With `find`, settles
 * nothing and returns those it would settle (a reconcile's look without the lease writes nothing).
 */
export async function settleStuckExecutions(
  deps: { store: StuckExecutionsRepos; clock: Clock },
  servers: Server[],
  mode: 'settle' | 'find' = 'settle',
  /** Called with every open execution found (the reconciler re-nudges those that wait too long). */
  onOpen: (open: Execution, server: Server) => void = () => {},
): Promise<Execution[]> {
  const now = deps.clock.now();
  const watched = servers.filter(
    (s) => s.status !== 'Terminated' || now.getTime() - Date.parse(s.updatedAt) < ENDED_SERVER_WATCH_MS,
  );
  const settled: Execution[] = [];
  for (let i = 0; i < watched.length; i += CONCURRENCY) {
    await Promise.all(
      watched.slice(i, i + CONCURRENCY).map(async (server) => {
        const scope = { accountId: server.accountId, farmId: server.farmId, serverId: server.id };
        for (const open of await deps.store.executions.listOpenForServer(scope)) {
          onOpen(open, server);
          if (mode === 'find') {
            if (settleStuckExecution(open, server, now)) settled.push(open);
            continue;
          }
          const done = await settleOne(deps, open, server, now);
          if (done) settled.push(done);
        }
      }),
    );
  }
  return settled;
}

async function settleOne(
  deps: { store: StuckExecutionsRepos },
  open: Execution,
  server: Server,
  now: Date,
): Promise<Execution | undefined> {
  for (let current: Execution | undefined = open, attempt = 1; current && attempt <= 3; attempt++) {
    const settlement = settleStuckExecution(current, server, now);
    if (!settlement) return undefined;
    const next = settledExecution(current, settlement, now.toISOString());
    try {
      await deps.store.executions.update(next, current.version);
      return next;
    } catch (err) {
      // The agent reported at this moment after all: look again, it may have finished.
      if (!(err instanceof PreconditionFailed)) throw err;
      current = await deps.store.executions.get(server, open.id);
    }
  }
  return undefined;
}
