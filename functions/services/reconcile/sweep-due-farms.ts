// One tick of the sweep (ports/farm-sweep.ts): read every shard's entries, keep the farms due at
// this tick (domain/planning/sweep-cadence.ts) and hand them to the dispatch, which runs their
// passes. The same code runs in the reconcile function on the sweep schedule's tick each minute
// and in the local runner each interval. A pass of its own is not made here: the dispatch is what spreads them out.
import { dueAtTick } from '../../domain/planning/sweep-cadence';
import type { Clock } from '../../ports/clock';
import {
  type FarmDispatch,
  type FarmSweepEntries,
  SWEEP_SHARDS,
  type SweptRequest,
} from '../../ports/farm-sweep';

export const SWEEP_REASON = 'sweep';
/** What the sweep's schedule sends the reconcile function each minute (infra/constructs/sweep.ts). */
export const SWEEP_TICK = { sweep: 'tick' } as const;

export interface SweepDeps {
  entries: FarmSweepEntries;
  dispatch: FarmDispatch;
  clock: Clock;
  /** How long a tick is (AWS: the sweep schedule's minute). */
  tickMs: number;
}

export interface SweepResult {
  tick: number;
  entries: number;
  dispatched: number;
}

export async function sweepDueFarms(deps: SweepDeps): Promise<SweepResult> {
  // The tick is the nearest one, so a schedule that fires a little late or early still counts once.
  const tick = Math.round(deps.clock.now().getTime() / deps.tickMs);
  const shards = await Promise.all(
    Array.from({ length: SWEEP_SHARDS }, (_, shard) => deps.entries.listShard(shard)),
  );
  const entries = shards.flat();
  const due: SweptRequest[] = entries
    .filter((e) => dueAtTick(e.farmId, e.every, tick))
    .map((e) => ({ accountId: e.accountId, farmId: e.farmId, reason: SWEEP_REASON, sweptEvery: e.every }));
  if (due.length > 0) await deps.dispatch.dispatch(due);
  return { tick, entries: entries.length, dispatched: due.length };
}
