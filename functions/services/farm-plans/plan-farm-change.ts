// Plan before apply: what saving a proposed farm spec would make the reconciler do, from the
// pure planner (domain/planning planFarm) run on the proposed spec against the farm's server
// records, the reconciler's latest observation of its instances. No cloud call, no write.
// The spec is checked like a save checks it (unknown farm role ids and roles or credentials
// that do not fit answer 422), but policy violations are listed rather than refused, and
// Global Variables that would hold launches are listed per farm role.
// A farm that is not running (Terminated, Suspended, or not saved yet) changes no server when
// saved: its plan is what launching it would do (basis 'on-launch').
import type { FarmPlanView } from '../../contract/farm-plan';
import type { ObservedInstance } from '../../domain/clouds/observed-instance';
import { desiredCount, farmPhase, planFarm } from '../../domain/planning';
import type { Farm, FarmSpec } from '../../domain/schemas/farm';
import type { Server } from '../../domain/schemas/server';
import type { Clock } from '../../ports/clock';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { getEnvironment } from '../environments';
import { assignFarmRoleIds, checkReferences, type FarmsRepos, getFarm, newFarm } from '../farms';
import { farmViolations } from '../policies';
import { checkFarmLaunch } from '../variables/launch-gate';
import { planView } from './plan-view';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type FarmPlanRepos = FarmsRepos & Pick<Store, 'variables'>;

interface Deps {
  store: FarmPlanRepos;
  clock: Clock;
}

/** The plan of replacing a stored farm's spec with `spec`. */
export async function planFarmChange(
  deps: Deps,
  principal: Principal,
  farmId: string,
  spec: FarmSpec,
): Promise<FarmPlanView> {
  const current = await getFarm(deps, principal, farmId);
  const farmRoles = assignFarmRoleIds(spec, current.farmRoles);
  await checkReferences(deps, principal, current.environmentId, farmRoles);
  const proposed: Farm = { ...current, ...spec, farmRoles };
  const scope = { accountId: principal.accountId, farmId };
  const servers = await deps.store.servers.listByFarm(scope);
  const observedAt = (await deps.store.reconciles.getSummary(scope))?.lastReconcileAt ?? null;
  // A lease the farm already has is not asked again, as on save (services/farms.ts updateFarm).
  const checked = spec.leaseExpiresAt === current.leaseExpiresAt ? { ...spec, leaseExpiresAt: null } : spec;
  return plan(deps, { current, proposed, checked, servers, observedAt });
}

/** The plan of a farm not saved yet: what creating and launching it would do. */
export async function planNewFarm(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  spec: FarmSpec,
): Promise<FarmPlanView> {
  await getEnvironment(deps, principal, environmentId);
  const farmRoles = assignFarmRoleIds(spec, []);
  await checkReferences(deps, principal, environmentId, farmRoles);
  // The farm as createFarm would store it, under an id nothing else will ever hold.
  const proposed = newFarm(principal, environmentId, spec, farmRoles, deps.clock.now());
  return plan(deps, { current: undefined, proposed, checked: spec, servers: [], observedAt: null });
}

interface PlanCase {
  current: Farm | undefined;
  proposed: Farm;
  /** The spec as policies see it (a kept lease left out). */
  checked: FarmSpec;
  servers: Server[];
  observedAt: string | null;
}

async function plan(deps: Deps, c: PlanCase): Promise<FarmPlanView> {
  const status = c.proposed.status;
  const onLaunch = status === 'Terminated' || status === 'Suspended';
  // Planned as running: the plan shows where the passes lead, not the launch order's first step.
  const planned: Farm =
    farmPhase(status) === 'serving' || onLaunch ? { ...c.proposed, status: 'Running' } : c.proposed;
  const servers = onLaunch && status === 'Terminated' ? [] : c.servers;
  const now = deps.clock.now();
  const domainPlan = planFarm({ farm: planned, servers, observed: observedFromRecords(servers), now });
  const phase = farmPhase(planned.status);
  const gate = await checkFarmLaunch(deps.store, c.proposed);
  const scope = { accountId: c.proposed.accountId, environmentId: c.proposed.environmentId };
  return planView({
    current: c.current,
    proposed: c.proposed,
    servers,
    actions: domainPlan.actions,
    desired: new Map(planned.farmRoles.map((fr) => [fr.id, desiredCount(fr, phase)])),
    basis: onLaunch ? 'on-launch' : 'current',
    violations: await farmViolations(deps, scope, c.checked),
    missing: gate.farmRoles.flatMap((r) => r.missing),
    blockersOf: gate.blockersOf,
    observedAt: c.observedAt,
  });
}

const STATE_OF: Partial<Record<Server['status'], ObservedInstance['state']>> = {
  'Pending Launch': 'pending',
  Pending: 'pending',
  Initializing: 'running',
  Running: 'running',
  Suspended: 'stopped',
  'Pending Terminate': 'running',
  Failed: 'running',
};

/**
 * The instances as the reconciler last recorded them on the servers (instance id, zone, state,
 * addresses): the plan reads no cloud, so it sees what the last pass saw.
 */
function observedFromRecords(servers: Server[]): ObservedInstance[] {
  return servers.flatMap((s) => {
    const state = STATE_OF[s.status];
    if (!s.instanceId || !state) return [];
    return [
      {
        instanceId: s.instanceId,
        platform: s.platform,
        region: s.region,
        zone: s.zone,
        state,
        instanceType: s.instanceType,
        imageId: s.imageId,
        privateIp: s.privateIp,
        publicIp: s.publicIp,
        launchedAt: s.createdAt,
        accountId: s.accountId,
        environmentId: s.environmentId,
        farmId: s.farmId,
        farmRoleId: s.farmRoleId,
        serverId: s.id,
        tags: {},
      },
    ];
  });
}
