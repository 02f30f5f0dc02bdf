// ACL roles: the built-ins (read-only, from code) and the account's custom ones. A custom role
// a team still grants cannot be deleted.
import {
  type AclRole,
  type AclRoleInput,
  BUILT_IN_ACL_ROLES,
  isBuiltInAclRole,
} from '../../domain/access/acl-role';
import { Conflict, NotFound } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { Clock } from '../../ports/clock';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { auditWrite } from '../audit';
import { expectedVersion } from '../versions';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type AclRolesRepos = Pick<Store, 'aclRoles' | 'audit' | 'teams'>;

interface Deps {
  store: AclRolesRepos;
  clock: Clock;
}

export async function listAclRoles({ store }: Deps, principal: Principal) {
  const custom = await store.aclRoles.listAll({ accountId: principal.accountId });
  return { items: [...Object.values(BUILT_IN_ACL_ROLES), ...custom] };
}

export async function getAclRole({ store }: Deps, principal: Principal, id: string): Promise<AclRole> {
  if (isBuiltInAclRole(id)) return BUILT_IN_ACL_ROLES[id];
  const role = await store.aclRoles.get({ accountId: principal.accountId }, id);
  if (!role) throw new NotFound(`ACL role ${id} not found`);
  return role;
}

export async function createAclRole(deps: Deps, principal: Principal, input: AclRoleInput): Promise<AclRole> {
  const now = deps.clock.now().toISOString();
  const role: AclRole = {
    ...input,
    id: newId('aclRole'),
    accountId: principal.accountId,
    builtIn: false,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.aclRoles.create(role);
  return role;
}

export async function updateAclRole(
  deps: Deps,
  principal: Principal,
  id: string,
  input: AclRoleInput,
  ifMatch: number | '*' | undefined,
): Promise<AclRole> {
  const current = await customRole(deps, principal, id);
  const expected = expectedVersion(ifMatch, current, 'ACL role');
  const role: AclRole = {
    ...current,
    ...input,
    version: expected + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.aclRoles.update(role, expected);
  auditWrite({ before: current, after: role });
  return role;
}

export async function deleteAclRole(
  deps: Deps,
  principal: Principal,
  id: string,
  ifMatch: number | '*' | undefined,
) {
  const current = await customRole(deps, principal, id);
  const teams = await deps.store.teams.listAll({ accountId: principal.accountId });
  const granting = teams.filter((t) => t.grants.some((g) => g.aclRoleId === id)).map((t) => t.name);
  if (granting.length)
    throw new Conflict(`ACL role ${current.name} is still granted by team(s) ${granting.join(', ')}`);
  await deps.store.aclRoles.delete(
    { accountId: principal.accountId },
    id,
    ifMatch === undefined ? undefined : expectedVersion(ifMatch, current, 'ACL role'),
  );
  auditWrite({ before: current, after: null });
}

async function customRole(deps: Deps, principal: Principal, id: string) {
  if (isBuiltInAclRole(id)) throw new Conflict(`${id} is a built-in ACL role and cannot be changed`);
  return getAclRole(deps, principal, id);
}
