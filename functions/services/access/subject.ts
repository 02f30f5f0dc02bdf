// Resolves who the caller is for access decisions: their teams, those teams' grants and the
// ACL roles the grants name (built-ins from code, custom ones from the Store). Two reads per
// request (teams, ACL roles of the account), both one partition.
import { type AclRole, BUILT_IN_ACL_ROLES, isBuiltInAclRole } from '../../domain/access/acl-role';
import type { AccessGrant, AccessSubject } from '../../domain/access/can';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';

export async function loadSubject(
  store: Pick<Store, 'teams' | 'aclRoles'>,
  principal: Principal,
): Promise<AccessSubject> {
  const scope = { accountId: principal.accountId };
  const teams = (await store.teams.listAll(scope)).filter((t) => t.memberIds.includes(principal.userId));
  const needsCustom = teams.some((t) => t.grants.some((g) => !isBuiltInAclRole(g.aclRoleId)));
  const custom = new Map<string, AclRole>(
    needsCustom ? (await store.aclRoles.listAll(scope)).map((r) => [r.id, r]) : [],
  );
  const grants: AccessGrant[] = [];
  for (const team of teams) {
    for (const grant of team.grants) {
      const aclRole = isBuiltInAclRole(grant.aclRoleId)
        ? BUILT_IN_ACL_ROLES[grant.aclRoleId]
        : custom.get(grant.aclRoleId);
      // A grant of a deleted custom ACL role grants nothing.
      if (aclRole) grants.push({ teamId: team.id, environmentId: grant.environmentId, aclRole });
    }
  }
  return {
    accountId: principal.accountId,
    userId: principal.userId,
    // A principal without a role is the system or a test's own; never more than a user.
    accountRole: principal.accountRole ?? 'user',
    teamIds: teams.map((t) => t.id),
    grants,
    ...(principal.apiToken ? { tokenPermissions: principal.apiToken.permissions } : {}),
  };
}

/** The team a new farm belongs to: the creator's first team granted the farm's environment. */
export function ownerTeamFor(principal: Principal, environmentId: string): string | null {
  return principal.subject?.grants.find((g) => g.environmentId === environmentId)?.teamId ?? null;
}
