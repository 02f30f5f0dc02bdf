// Use-cases of farms: the declared spec, checked against what it refers to (roles,
// credentials, images), written with optimistic concurrency.
import { Conflict, type FieldIssue, NotFound, Unprocessable } from '../domain/errors';
import { newId } from '../domain/ids';
import type { PageQuery } from '../domain/schemas/common';
import type { Farm, FarmSpec, StoredFarmRole } from '../domain/schemas/farm';
import type { FarmStatusView } from '../domain/schemas/farm-status';
import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-publisher';
import type { Principal } from '../ports/identity';
import type { Store } from '../ports/store';
import { ownerTeamFor } from './access/subject';
import { auditWrite } from './audit';
import { getEnvironment } from './environments';
import { farmEvent, recordEvents } from './farm-events';
import { assertFarmAllowed } from './policies';
import { scaledDesiredCounts } from './scaling/farm-role-scaling';
import { expectedVersion } from './versions';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type FarmsRepos = Pick<
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
>;

interface Deps {
  store: FarmsRepos;
  clock: Clock;
}

interface PublishingDeps extends Deps {
  publisher: EventPublisher;
}

export async function getFarm({ store }: Deps, principal: Principal, farmId: string): Promise<Farm> {
  const farm = await store.farms.get({ accountId: principal.accountId }, farmId);
  if (!farm) throw new NotFound(`Farm ${farmId} not found`);
  return farm;
}

export async function listFarms(deps: Deps, principal: Principal, environmentId: string, page: PageQuery) {
  await getEnvironment(deps, principal, environmentId);
  return deps.store.farms.listByEnvironment({ accountId: principal.accountId, environmentId }, page);
}

export async function createFarm(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  spec: FarmSpec,
): Promise<Farm> {
  await getEnvironment(deps, principal, environmentId);
  const farmRoles = assignFarmRoleIds(spec, []);
  await checkReferences(deps, principal, environmentId, farmRoles);
  await assertFarmAllowed(deps, { accountId: principal.accountId, environmentId }, spec);
  const farm = newFarm(principal, environmentId, spec, farmRoles, deps.clock.now());
  await deps.store.farms.create(farm);
  return farm;
}

/** A farm as it is first stored (Terminated, version 1); a plan of a farm not saved yet plans this. */
export function newFarm(
  principal: Principal,
  environmentId: string,
  spec: FarmSpec,
  farmRoles: StoredFarmRole[],
  at: Date,
): Farm {
  const now = at.toISOString();
  return {
    ...spec,
    farmRoles,
    id: newId('farm'),
    accountId: principal.accountId,
    environmentId,
    status: 'Terminated',
    ownerId: principal.userId,
    ownerTeamId: ownerTeamFor(principal, environmentId),
    launchedAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

export async function updateFarm(
  deps: PublishingDeps,
  principal: Principal,
  farmId: string,
  spec: FarmSpec,
  ifMatch: number | '*' | undefined,
): Promise<Farm> {
  const current = await getFarm(deps, principal, farmId);
  const expected = expectedVersion(ifMatch, current, 'farm');
  const farmRoles = assignFarmRoleIds(spec, current.farmRoles);
  await checkReferences(deps, principal, current.environmentId, farmRoles);
  // A lease the farm already has (perhaps extended past the policy's maximum) is not asked again.
  await assertFarmAllowed(
    deps,
    { accountId: principal.accountId, environmentId: current.environmentId },
    spec.leaseExpiresAt === current.leaseExpiresAt ? { ...spec, leaseExpiresAt: null } : spec,
  );
  const farm: Farm = {
    ...current,
    ...spec,
    farmRoles,
    version: expected + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.farms.update(farm, expected, current.name);
  auditWrite({ before: current, after: farm });
  if (farm.status !== 'Terminated') {
    // A running farm converges on its new spec at once, not at its next scheduled pass.
    await recordEvents(deps, [
      farmEvent('FarmSpecChanged', farm, deps.clock.now(), {
        actor: principal.userId,
        message: `spec version ${farm.version}`,
      }),
    ]);
  }
  return farm;
}

export async function deleteFarm(
  deps: Deps,
  principal: Principal,
  farmId: string,
  ifMatch: number | '*' | undefined,
) {
  const current = await getFarm(deps, principal, farmId);
  if (current.status !== 'Terminated') {
    throw new Conflict(`Farm ${current.name} is ${current.status}; terminate it before deleting it`);
  }
  await deps.store.farms.delete(
    { accountId: principal.accountId },
    farmId,
    ifMatch === undefined ? undefined : expectedVersion(ifMatch, current, 'farm'),
  );
  auditWrite({ before: current, after: null });
}

export async function getFarmStatus(
  deps: Deps & { store: Pick<Store, 'scalingStates'> },
  principal: Principal,
  farmId: string,
): Promise<FarmStatusView> {
  const farm = await getFarm(deps, principal, farmId);
  const servers = await deps.store.servers.listByFarm({ accountId: principal.accountId, farmId });
  const live = (fr: StoredFarmRole) => servers.filter((s) => s.farmRoleId === fr.id);
  const running = farm.status === 'Running' || farm.status === 'Launching' || farm.status === 'Resuming';
  // A scaling farm role's desired count is its last decision's, between min and max as the planner keeps it.
  const scaled =
    farm.status === 'Running' ? await scaledDesiredCounts(deps.store, farm) : new Map<string, number>();
  const farmRoles = farm.farmRoles.map((fr) => {
    const mine = live(fr);
    const wanted = Math.max(fr.minInstances, scaled.get(fr.id ?? '') ?? fr.minInstances);
    return {
      farmRoleId: fr.id,
      alias: fr.alias,
      desired: running ? Math.min(wanted, fr.maxInstances) : 0,
      running: mine.filter((s) => s.status === 'Running').length,
      launching: mine.filter((s) => ['Pending Launch', 'Pending', 'Initializing'].includes(s.status)).length,
      terminating: mine.filter((s) => s.status === 'Pending Terminate').length,
      failed: mine.filter((s) => s.status === 'Failed').length,
    };
  });
  // Counts come from the records (always current); the verdict also weighs the last pass's problems.
  const behind = farmRoles.filter((c) => c.running !== c.desired || c.launching > 0 || c.terminating > 0);
  const summary = await deps.store.reconciles.getSummary({ accountId: principal.accountId, farmId });
  const stopped = farm.status === 'Terminated' || farm.status === 'Suspended';
  const degraded = !stopped && summary?.convergence === 'degraded';
  return {
    farmId: farm.id,
    status: farm.status,
    convergence: stopped
      ? 'stopped'
      : degraded
        ? 'degraded'
        : behind.length || farm.status !== 'Running'
          ? 'converging'
          : 'converged',
    reasons: [
      ...behind.map((c) => `${c.alias}: ${c.running} of ${c.desired} running`),
      ...(degraded ? (summary?.reasons ?? []) : []),
    ],
    farmRoles,
    lastReconcileAt: summary?.lastReconcileAt ?? null,
    version: farm.version,
  };
}

/** Keeps the ids of farm roles that already exist; gives new farm roles a new id (also what a plan of the spec uses). */
export function assignFarmRoleIds(spec: FarmSpec, existing: StoredFarmRole[]): StoredFarmRole[] {
  const known = new Set(existing.map((fr) => fr.id));
  const issues: FieldIssue[] = [];
  const farmRoles = spec.farmRoles.map((fr, i) => {
    if (fr.id && !known.has(fr.id)) {
      issues.push({
        in: 'body',
        path: `farmRoles.${i}.id`,
        message: `${fr.id} is not a farm role of this farm; omit the id to add a new one`,
      });
    }
    return { ...fr, id: fr.id ?? newId('farmRole') } as StoredFarmRole;
  });
  if (issues.length) throw new Unprocessable('The farm names unknown farm roles', issues);
  return farmRoles;
}

/** Roles, credentials and images the farm roles name must exist in the farm's environment. */
export async function checkReferences(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  farmRoles: StoredFarmRole[],
) {
  const issues: FieldIssue[] = [];
  const roles = new Map<string, Awaited<ReturnType<Store['roles']['get']>>>();
  const creds = new Map<string, Awaited<ReturnType<Store['credentials']['get']>>>();
  for (const [i, fr] of farmRoles.entries()) {
    const at = (field: string) => `farmRoles.${i}.${field}`;
    if (!roles.has(fr.roleId))
      roles.set(fr.roleId, await deps.store.roles.get({ accountId: principal.accountId }, fr.roleId));
    if (!creds.has(fr.credentialsId)) {
      creds.set(
        fr.credentialsId,
        await deps.store.credentials.get({ accountId: principal.accountId, environmentId }, fr.credentialsId),
      );
    }
    const role = roles.get(fr.roleId);
    if (!role || (role.environmentId !== null && role.environmentId !== environmentId)) {
      issues.push({
        in: 'body',
        path: at('roleId'),
        message: `role ${fr.roleId} does not exist in this environment`,
      });
    } else if (
      !role.images.some(
        (img) => img.platform === fr.platform && (img.location === fr.region || img.location === '*'),
      )
    ) {
      issues.push({
        in: 'body',
        path: at('region'),
        message: `role ${role.name} has no ${fr.platform} image for ${fr.region}`,
      });
    }
    const cred = creds.get(fr.credentialsId);
    if (!cred) {
      issues.push({
        in: 'body',
        path: at('credentialsId'),
        message: `cloud credentials ${fr.credentialsId} do not exist in this environment`,
      });
    } else if (cred.credentials.platform !== fr.platform) {
      issues.push({
        in: 'body',
        path: at('credentialsId'),
        message: `credentials are for ${cred.credentials.platform}, the farm role for ${fr.platform}`,
      });
    }
  }
  if (issues.length)
    throw new Unprocessable(`The farm refers to ${issues.length} thing(s) that do not fit`, issues);
}
