// Turns any reconcile trigger into a pass over the right farm: a farm named outright (a
// schedule, a Drover event), or an instance (an EC2 state change) found through the
// instance-id index. An instance Drover does not manage is ignored. An instance's change is
// noted on the inventory first (inventory-changes.ts), so the pass it wakes looks at the cloud
// itself rather than at a snapshot taken before the change; both the reconcile Lambda and the
// local runner come through here.
import type { ReconcileTrigger } from '../../domain/reconcile-trigger';
import type { ReconcileDeps } from './deps';
import { noteServerChange } from './inventory-changes';
import { type ReconcileOutcome, reconcileFarm } from './reconcile-farm';

export async function farmOfTrigger(deps: Pick<ReconcileDeps, 'store' | 'clock'>, trigger: ReconcileTrigger) {
  if (trigger.kind === 'farm') return { accountId: trigger.accountId, farmId: trigger.farmId };
  const server = await deps.store.servers.findByInstanceId(trigger.platform, trigger.instanceId);
  if (!server) return undefined;
  await noteServerChange(deps, server);
  return { accountId: server.accountId, farmId: server.farmId };
}

export async function reconcileTrigger(
  deps: ReconcileDeps,
  trigger: ReconcileTrigger,
): Promise<ReconcileOutcome | undefined> {
  const farm = await farmOfTrigger(deps, trigger);
  return farm ? reconcileFarm(deps, farm) : undefined;
}
