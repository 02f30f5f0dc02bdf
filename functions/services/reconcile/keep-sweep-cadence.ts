// After a pass: tells the FarmScheduler the sweep's cadence the pass asks for, unless the sweep
// that asked for the pass already holds it (its request carries the cadence it saw). So a quiet
// farm looked at by the sweep writes nothing; a pass woken by an event writes one small conditional
// update (events are changes: the cost grows with them, not with minutes). A swept pass that finds
// its farm Terminated or gone removes the entry the sweep still holds.
import type { FarmRef, FarmScheduler } from '../../ports/farm-scheduler';
import type { ReconcileOutcome } from './reconcile-farm';

export async function keepSweepCadence(
  scheduler: Pick<FarmScheduler, 'sweepEvery' | 'remove'>,
  farm: FarmRef,
  outcome: Pick<ReconcileOutcome, 'sweepEvery'>,
  sweptEvery: number | undefined,
): Promise<void> {
  const every = outcome.sweepEvery;
  if (every === null && sweptEvery !== undefined) return scheduler.remove(farm);
  if (every === undefined || every === null || every === sweptEvery) return;
  await scheduler.sweepEvery(farm, every);
}
