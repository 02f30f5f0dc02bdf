// Launch, terminate, suspend and resume a farm. Each only records the wish (a status) and
// creates or keeps the farm's schedule; the reconciler, woken at once by the event published
// here, does the work and moves the farm on (Launching → Running, Terminating → Terminated…).
import { Conflict } from '../domain/errors';
import { leaseAtLaunch } from '../domain/policies';
import type { Farm, FarmStatus } from '../domain/schemas/farm';
import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-publisher';
import type { FarmScheduler } from '../ports/farm-scheduler';
import type { Principal } from '../ports/identity';
import type { Store } from '../ports/store';
import { farmEvent, recordEvents } from './farm-events';
import { getFarm } from './farms';
import { enabledPolicies } from './policies';
import { assertFarmCanLaunch } from './variables/launch-gate';
import { expectedVersion } from './versions';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type FarmLifecycleRepos = Pick<
  Store,
  | 'aclRoles'
  | 'audit'
  | 'credentials'
  | 'environments'
  | 'farmEvents'
  | 'farms'
  | 'policies'
  | 'reconciles'
  | 'roles'
  | 'servers'
  | 'teams'
  | 'variables'
>;

interface Deps {
  store: FarmLifecycleRepos;
  clock: Clock;
  publisher: EventPublisher;
  scheduler: FarmScheduler;
}

export type LifecycleVerb = 'launch' | 'terminate' | 'suspend' | 'resume';

interface Transition {
  /** Statuses the verb moves from, and where to. */
  from: FarmStatus[];
  to: FarmStatus;
  /** Statuses in which the verb is already done or under way: answered as is. */
  already: FarmStatus[];
  event: string;
}

const TRANSITIONS: Record<LifecycleVerb, Transition> = {
  launch: {
    from: ['Terminated'],
    to: 'Launching',
    already: ['Launching', 'Running'],
    event: 'FarmLaunchRequested',
  },
  terminate: {
    from: ['Launching', 'Running', 'Suspending', 'Suspended', 'Resuming'],
    to: 'Terminating',
    already: ['Terminating', 'Terminated'],
    event: 'FarmTerminateRequested',
  },
  suspend: {
    from: ['Launching', 'Running', 'Resuming'],
    to: 'Suspending',
    already: ['Suspending', 'Suspended'],
    event: 'FarmSuspendRequested',
  },
  resume: {
    from: ['Suspended', 'Suspending'],
    to: 'Resuming',
    already: ['Resuming', 'Running'],
    event: 'FarmResumeRequested',
  },
};

export async function changeFarmLifecycle(
  deps: Deps,
  principal: Principal,
  farmId: string,
  verb: LifecycleVerb,
  ifMatch: number | '*' | undefined,
): Promise<Farm> {
  const current = await getFarm(deps, principal, farmId);
  if (ifMatch !== undefined) expectedVersion(ifMatch, current, 'farm');
  const t = TRANSITIONS[verb];
  if (t.already.includes(current.status)) {
    if (verb !== 'terminate') await deps.scheduler.ensure({ accountId: current.accountId, farmId });
    return current;
  }
  if (!t.from.includes(current.status)) {
    throw new Conflict(`Cannot ${verb} farm ${current.name} while it is ${current.status}`);
  }
  // Required Global Variables without a value refuse the launch with the whole list, before anything changes.
  if (verb === 'launch') await assertFarmCanLaunch(deps.store, current);
  const now = deps.clock.now();
  const farm: Farm = { ...current, status: t.to, version: current.version + 1, updatedAt: now.toISOString() };
  if (verb === 'launch') {
    // Recorded before anything runs, so a farm terminated mid-launch never reads as never launched.
    farm.launchRequestedAt = now.toISOString();
    // A farm-lease policy gives the farm its lease now, so the answer already shows when it ends.
    const platforms = [...new Set(current.farmRoles.map((fr) => fr.platform))];
    farm.leaseExpiresAt = leaseAtLaunch(
      current.leaseExpiresAt,
      await enabledPolicies(deps.store, current),
      platforms,
      now,
    );
  }
  await deps.store.farms.update(farm, current.version, current.name);
  // The schedule exists while the farm is anything but Terminated: the reconciler removes it at the end.
  await deps.scheduler.ensure({ accountId: farm.accountId, farmId });
  await recordEvents(deps, [
    farmEvent(t.event, farm, now, {
      actor: principal.userId,
      message: `${verb} requested`,
      payload: { from: current.status, to: t.to },
    }),
  ]);
  return farm;
}
