// Use-cases of roles. A role is account-scoped (environmentId null) or belongs to one environment.
import { Conflict, NotFound } from '../domain/errors';
import { newId } from '../domain/ids';
import type { PageQuery } from '../domain/schemas/common';
import type { Role, RoleInput } from '../domain/schemas/role';
import type { Clock } from '../ports/clock';
import type { Principal } from '../ports/identity';
import type { Store } from '../ports/store';
import { auditWrite } from './audit';
import { getEnvironment } from './environments';
import { everyItem } from './every-page';
import { expectedVersion } from './versions';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type RolesRepos = Pick<Store, 'audit' | 'credentials' | 'environments' | 'farms' | 'roles'>;

interface Deps {
  store: RolesRepos;
  clock: Clock;
}

export async function getRole({ store }: Deps, principal: Principal, roleId: string): Promise<Role> {
  const role = await store.roles.get({ accountId: principal.accountId }, roleId);
  if (!role) throw new NotFound(`Role ${roleId} not found`);
  return role;
}

/** Account-scoped roles, plus one environment's when it is given. Filtering happens after the read, so a page may hold fewer items than the limit. */
export async function listRoles(
  deps: Deps,
  principal: Principal,
  query: PageQuery & { environmentId?: string },
) {
  if (query.environmentId) await getEnvironment(deps, principal, query.environmentId);
  const page = await deps.store.roles.list({ accountId: principal.accountId }, query);
  return {
    ...page,
    items: page.items.filter((r) => r.environmentId === null || r.environmentId === query.environmentId),
  };
}

export async function createRole(deps: Deps, principal: Principal, input: RoleInput) {
  if (input.environmentId) await getEnvironment(deps, principal, input.environmentId);
  const now = deps.clock.now().toISOString();
  const role: Role = {
    ...input,
    id: newId('role'),
    accountId: principal.accountId,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.roles.create(role);
  return role;
}

export async function updateRole(
  deps: Deps,
  principal: Principal,
  roleId: string,
  input: RoleInput,
  ifMatch: number | '*' | undefined,
) {
  const current = await getRole(deps, principal, roleId);
  const expected = expectedVersion(ifMatch, current, 'role');
  if (input.environmentId) await getEnvironment(deps, principal, input.environmentId);
  const role: Role = {
    ...current,
    ...input,
    version: expected + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.roles.update(role, expected);
  auditWrite({ before: current, after: role });
  return role;
}

export async function deleteRole(
  deps: Deps,
  principal: Principal,
  roleId: string,
  ifMatch: number | '*' | undefined,
) {
  const current = await getRole(deps, principal, roleId);
  const environments = current.environmentId
    ? [current.environmentId]
    : await allEnvironmentIds(deps, principal);
  for (const environmentId of environments) {
    const scope = { accountId: principal.accountId, environmentId };
    for await (const farm of everyItem((page) => deps.store.farms.listByEnvironment(scope, page))) {
      if (farm.farmRoles.some((fr) => fr.roleId === roleId)) {
        throw new Conflict(`Role ${current.name} is used by farm ${farm.name} (${farm.id})`);
      }
    }
  }
  await deps.store.roles.delete(
    { accountId: principal.accountId },
    roleId,
    ifMatch === undefined ? undefined : expectedVersion(ifMatch, current, 'role'),
  );
  auditWrite({ before: current, after: null });
}

async function allEnvironmentIds(deps: Deps, principal: Principal): Promise<string[]> {
  const ids: string[] = [];
  for await (const env of everyItem(
    (page) => deps.store.environments.list({ accountId: principal.accountId }, page),
    200,
  )) {
    ids.push(env.id);
  }
  return ids;
}
