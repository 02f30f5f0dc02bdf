// One invocation of the reconcile function: the passes one trigger (a schedule, a Drover event,
// a cloud's state change) asks for. While the farm wants another look within seconds (servers
// booting) it runs further passes in the same invocation, within the time it has left; a look
// asked for later (a throttle back-off, a BeforeHostTerminate poll, a grace deadline) or past the
// time left goes to the FarmScheduler's `lookAgainAt`, so `recheckAfterMs` means that wait in AWS
// as it does locally, not "at the next safety-net tick". After the passes, the sweep's cadence the
// last one asks for is kept (keep-sweep-cadence.ts). A request with reason 'schedule' comes from a
// per-farm schedule made before the sweep: `ensure` gives the farm its sweep entry and deletes that
// schedule, so a running fleet moves to the sweep by itself.
import type { ReconcileTrigger } from '../../domain/reconcile-trigger';
import type { ReconcileDeps } from './deps';
import { keepSweepCadence } from './keep-sweep-cadence';
import { type ReconcileOutcome, reconcileFarm } from './reconcile-farm';
import { farmOfTrigger } from './reconcile-trigger';

export interface InvocationLimits {
  /** Follow-ups sooner than this run in the same invocation. */
  maxFollowUpMs: number;
  maxPasses: number;
  /** Time kept in reserve before the invocation's deadline. */
  safetyMs: number;
}

export const LAMBDA_INVOCATION_LIMITS: InvocationLimits = {
  maxFollowUpMs: 5_000,
  maxPasses: 10,
  safetyMs: 15_000,
};

/** What the per-farm one-minute schedules made before the sweep send. */
export const LEGACY_SCHEDULE_REASON = 'schedule';

export interface InvocationResult {
  results: ReconcileOutcome['result'][];
  /** The look asked of the FarmScheduler after the passes, if the last one wanted one. */
  lookAgain?: { at: Date; reason: string };
}

/** The passes' results, or undefined when the trigger names no farm Drover manages. */
export async function reconcileInvocation(
  deps: ReconcileDeps,
  trigger: ReconcileTrigger,
  timeLeftMs: () => number,
  limits: InvocationLimits = LAMBDA_INVOCATION_LIMITS,
): Promise<InvocationResult | undefined> {
  const farm = await farmOfTrigger(deps, trigger);
  if (!farm) return undefined;
  // The entry's cadence as far as this invocation knows (the sweep's, then what it wrote).
  let known = trigger.kind === 'farm' ? trigger.sweptEvery : undefined;
  if (trigger.reason === LEGACY_SCHEDULE_REASON) {
    await deps.scheduler.ensure(farm);
    known = 1;
  }
  const results: ReconcileOutcome['result'][] = [];
  for (let pass = 1; ; pass++) {
    const outcome = await reconcileFarm(deps, farm);
    results.push(outcome.result);
    await keepSweepCadence(deps.scheduler, farm, outcome, known);
    known = outcome.sweepEvery ?? known;
    const wait = outcome.recheckAfterMs;
    if (wait === null) return { results };
    const stayFor =
      wait <= limits.maxFollowUpMs && pass < limits.maxPasses && timeLeftMs() >= wait + limits.safetyMs;
    if (!stayFor) {
      const at = new Date(deps.clock.now().getTime() + wait);
      await deps.scheduler.lookAgainAt(farm, at, outcome.recheckReason);
      return { results, lookAgain: { at, reason: outcome.recheckReason } };
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
