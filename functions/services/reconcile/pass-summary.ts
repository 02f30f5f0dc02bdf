// The reconcile summary a pass leaves for the farm's status, the next pass (capacity holds,
// policy refusals, the lease warning) and the operator's figures (degraded since when).
import type { FarmPlan } from '../../domain/planning';
import type { ReconcileSummary } from '../../ports/store';
import type { ApplyResult } from './apply-plan';
import { degradedSince } from './pass-metrics';

export function passSummary(pass: {
  plan: FarmPlan;
  applied: ApplyResult;
  /** Problems met observing and applying. */
  problems: string[];
  cloudCalls: Record<string, number>;
  leaseWarnedFor: string | undefined;
  previous: ReconcileSummary | undefined;
  now: Date;
}): ReconcileSummary {
  const { plan, applied, problems, now } = pass;
  // A problem degrades a farm that is not stopped: a person may need to look.
  const convergence =
    problems.length > 0 && plan.summary.convergence !== 'stopped' ? 'degraded' : plan.summary.convergence;
  const degradedStart = degradedSince(convergence, pass.previous, now);
  return {
    convergence,
    reasons: [...plan.summary.reasons, ...problems],
    lastReconcileAt: now.toISOString(),
    recheckAt: plan.recheckAt,
    cloudCalls: pass.cloudCalls,
    ...(Object.keys(applied.capacityHolds).length ? { capacityHolds: applied.capacityHolds } : {}),
    ...(Object.keys(applied.policyRefusals).length ? { policyRefusals: applied.policyRefusals } : {}),
    ...(pass.leaseWarnedFor ? { leaseWarnedFor: pass.leaseWarnedFor } : {}),
    ...(degradedStart ? { degradedSince: degradedStart } : {}),
  };
}
