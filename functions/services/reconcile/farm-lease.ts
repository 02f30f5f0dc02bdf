// A farm's lease, kept by the reconciler: a farm launched under a farm-lease policy gets its
// lease (a policy added later gives live farms one from now); once inside the warning window
// `LeaseExpiring` is published, once per lease; at expiry the farm is terminated, and its
// event log says why. A lease the owner set without any policy is kept the same way.
import { leaseAtLaunch, leasePhase, leaseRuleFor } from '../../domain/policies';
import type { Farm } from '../../domain/schemas/farm';
import type { Policy } from '../../domain/schemas/policy';
import type { DroverEvent } from '../../ports/event-publisher';
import type { Store } from '../../ports/store';
import { farmEvent } from '../farm-events';

const LIVE: ReadonlySet<Farm['status']> = new Set([
  'Launching',
  'Running',
  'Resuming',
  'Suspending',
  'Suspended',
]);
/** Without a policy, a lease the owner set is warned about this long before it ends. */
const DEFAULT_WARN_HOURS = 24;

export interface LeaseOutcome {
  farm: Farm;
  events: DroverEvent[];
  /** The lease a LeaseExpiring was published for (kept in the reconcile summary). */
  warnedFor?: string;
}

export async function keepLease(
  store: Pick<Store, 'farms'>,
  farm: Farm,
  policies: readonly Policy[],
  warnedFor: string | undefined,
  now: Date,
): Promise<LeaseOutcome> {
  if (!LIVE.has(farm.status)) return { farm, events: [] };
  const events: DroverEvent[] = [];
  const platforms = [...new Set(farm.farmRoles.map((fr) => fr.platform))];
  const rule = leaseRuleFor(policies, platforms);
  let current = farm;
  const write = async (next: Partial<Farm>) => {
    const updated: Farm = { ...current, ...next, version: current.version + 1, updatedAt: now.toISOString() };
    await store.farms.update(updated, current.version, current.name);
    current = updated;
  };

  if (rule && (farm.status === 'Launching' || !farm.leaseExpiresAt)) {
    const lease = leaseAtLaunch(farm.leaseExpiresAt, policies, platforms, now);
    if (lease !== farm.leaseExpiresAt) {
      await write({ leaseExpiresAt: lease });
      events.push(
        farmEvent('LeaseSet', current, now, {
          message: `policy "${rule.policy.name}" limits the farm to ${rule.maxLifetimeHours} hour(s): lease ends ${lease}`,
          payload: { leaseExpiresAt: lease, policyId: rule.policy.id },
        }),
      );
    }
  }

  const lease = current.leaseExpiresAt;
  const warnHours = rule?.warnBeforeHours ?? DEFAULT_WARN_HOURS;
  const phase = leasePhase(lease, warnHours, now);
  if (phase === 'expired') {
    await write({ status: 'Terminating' });
    events.push(
      farmEvent('LeaseExpired', current, now, {
        message: `the farm's lease ended at ${lease}: terminating it`,
        payload: { leaseExpiresAt: lease, from: farm.status, to: 'Terminating' },
      }),
    );
    return { farm: current, events };
  }
  if (phase === 'warning' && lease) {
    if (warnedFor !== lease)
      events.push(
        farmEvent('LeaseExpiring', current, now, {
          message: `the farm's lease ends at ${lease}; it will be terminated then unless the lease is extended`,
          payload: { leaseExpiresAt: lease, warnBeforeHours: warnHours },
        }),
      );
    return { farm: current, events, warnedFor: lease };
  }
  return { farm: current, events };
}
