// When a farm wants its next reconcile pass, as data: one function from what a pass came to
// ({ recheckAfterMs, reason }), so the Lambda's re-arm, the local runner and the summary read the
// same answer (docs/architecture.md §2 "look again at T"). null: no sooner than the farm's schedule.
// The rules, first match wins:
// - the lease is another pass's, or the pass failed: look again shortly;
// - the cloud throttled the pass: back off;
// - all it did was hold terminates for BeforeHostTerminate scripts: their end wakes the farm
//   (BeforeHostTerminateEnded); a slow poll up to the hold's end covers a lost result;
// - all it did was skip launches held for capacity: when the first hold ends;
// - all it did was launches policies refused: the schedule (or a spec or policy change);
// - it acted or met a problem: the world is moving, look again soon;
// - a grace period, timeout or retry delay of the plan ends: then;
// - otherwise the farm is quiet: its schedule.
import { type CapacityHolds, untilFirstHoldEnds } from './capacity-holds';

/** After acting, look again soon: the world is moving (instances booting, ending). */
export const FOLLOW_UP_MS = 2_000;
/** How often a farm whose terminates wait on BeforeHostTerminate scripts looks again without being woken. */
export const TERMINATE_HOLD_POLL_MS = 15_000;
/** After a throttled or failed pass. */
export const THROTTLED_BACKOFF_MS = 10_000;

/** Why a pass stopped applying before the end of its plan: a write lost a version race, or the cloud throttled. */
export type StopReason = 'stale' | 'throttled' | null;

/** What applying one action came to, as far as the next look is concerned. */
export type ActionResult =
  | { as: 'done' }
  /** A launch skipped: its farm role is held for capacity. */
  | { as: 'launch-held' }
  /** A launch the environment's policies refused. */
  | { as: 'launch-refused' }
  /** A terminate waiting for BeforeHostTerminate scripts (until: see TerminateHold). */
  | { as: 'terminate-held'; until: string | null };

/** An action applied with nothing the next look needs to know. */
export const ACTION_DONE: ActionResult = { as: 'done' };

export interface AppliedPass {
  kind: 'applied';
  now: Date;
  /** How many actions the plan held. */
  planned: number;
  /** Problems met observing and applying (each one makes the pass degraded). */
  problems: number;
  stopped: StopReason;
  /** One per action applied without error. */
  results: readonly ActionResult[];
  /** The farm roles' capacity holds after the pass. */
  capacityHolds: CapacityHolds;
  /** The plan's next deadline (FarmPlan.recheckAt). */
  recheckAt: string | null;
}

export type PassEnd = { kind: 'busy' } | { kind: 'failed' } | { kind: 'gone' } | AppliedPass;

export type NextLookReason =
  | 'lease-busy'
  | 'pass-failed'
  | 'farm-gone'
  | 'throttled'
  | 'terminate-hold'
  | 'capacity-hold'
  | 'policy-refusal'
  | 'acted'
  | 'deadline'
  | 'quiet';

export interface NextLook {
  recheckAfterMs: number | null;
  reason: NextLookReason;
}

export function nextLook(end: PassEnd): NextLook {
  if (end.kind === 'busy') return { recheckAfterMs: FOLLOW_UP_MS, reason: 'lease-busy' };
  if (end.kind === 'failed') return { recheckAfterMs: THROTTLED_BACKOFF_MS, reason: 'pass-failed' };
  if (end.kind === 'gone') return { recheckAfterMs: null, reason: 'farm-gone' };
  return afterApplying(end);
}

function afterApplying(pass: AppliedPass): NextLook {
  const now = pass.now.getTime();
  const count = (as: ActionResult['as']) => pass.results.filter((r) => r.as === as).length;
  const only = (as: ActionResult['as']) => pass.results.length === count(as);
  if (pass.stopped === 'throttled') return { recheckAfterMs: THROTTLED_BACKOFF_MS, reason: 'throttled' };
  const holdEnds = earliestTerminateHoldEnd(pass.results);
  if (holdEnds !== null && only('terminate-held') && pass.problems === 0 && !pass.stopped) {
    const wait = Math.min(holdEnds - now, TERMINATE_HOLD_POLL_MS);
    return { recheckAfterMs: Math.max(FOLLOW_UP_MS, wait), reason: 'terminate-hold' };
  }
  const capacityEnds = untilFirstHoldEnds(pass.capacityHolds, pass.now);
  if (capacityEnds !== null && only('launch-held') && !pass.stopped)
    return { recheckAfterMs: Math.max(FOLLOW_UP_MS, capacityEnds), reason: 'capacity-hold' };
  if (count('launch-refused') > 0 && only('launch-refused'))
    return { recheckAfterMs: null, reason: 'policy-refusal' };
  if (pass.planned > 0 || pass.problems > 0) return { recheckAfterMs: FOLLOW_UP_MS, reason: 'acted' };
  if (pass.recheckAt !== null)
    return { recheckAfterMs: Math.max(FOLLOW_UP_MS, Date.parse(pass.recheckAt) - now), reason: 'deadline' };
  return { recheckAfterMs: null, reason: 'quiet' };
}

/** The earliest moment (ms) a terminate held on open scripts stops waiting; null when none is. */
function earliestTerminateHoldEnd(results: readonly ActionResult[]): number | null {
  const ends = results.flatMap((r) => (r.as === 'terminate-held' && r.until ? [Date.parse(r.until)] : []));
  return ends.length ? Math.min(...ends) : null;
}
