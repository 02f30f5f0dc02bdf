// The reconcile pass's one call into scaling: evaluate the due farm roles, and — when an
// evaluation changed something — store the new state (before the launches or removals it causes,
// so the record exists first) and raise ScaleOut / ScaleIn carrying the decision record.
import { decisionReason } from '../../domain/scaling/decision-reason';
import type { Farm } from '../../domain/schemas/farm';
import type { Server } from '../../domain/schemas/server';
import type { EventPublisher } from '../../ports/event-publisher';
import type { Store } from '../../ports/store';
import { farmEvent, recordEvents } from '../farm-events';
import { evaluateScaling, type ScalingDeps, type ScalingStep } from './evaluate-scaling';

export interface ScaleFarmRolesDeps extends ScalingDeps {
  store: Pick<Store, 'scalingStates' | 'farmEvents'>;
  publisher: EventPublisher;
}

/**
 * Evaluates, then calls `beforeWrite` (the pass's NeedsLease check) when there is anything to
 * store, stores it and raises the events. Returns what the planner and the next look need.
 */
export async function scaleFarmRoles(
  deps: ScaleFarmRolesDeps,
  farm: Farm,
  servers: readonly Server[],
  now: Date,
  beforeWrite: () => void,
): Promise<ScalingStep> {
  const step = await evaluateScaling(deps, farm, servers, now);
  if (step.changes.length === 0) return step;
  beforeWrite();
  const ref = { accountId: farm.accountId, farmId: farm.id };
  await Promise.all(step.changes.map((c) => deps.store.scalingStates.put(ref, c.farmRoleId, c.state)));
  const events = step.changes.flatMap(({ farmRoleId, decision, missing }) => {
    if (decision.direction === 'hold') return [];
    const name = decision.direction === 'out' ? 'ScaleOut' : 'ScaleIn';
    const alias = farm.farmRoles.find((fr) => fr.id === farmRoleId)?.alias ?? farmRoleId;
    return [
      farmEvent(name, farm, now, {
        farmRoleId,
        message: `${alias}: ${decision.current} → ${decision.desired} servers (${decisionReason(decision)})`,
        payload: { decision, missing },
      }),
    ];
  });
  await recordEvents(deps, events);
  return step;
}
