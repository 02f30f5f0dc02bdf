// The one access decision: may this subject take this action on this resource? Pure, so every
// route's enforcement (the authorize middleware), list filtering and the portal's "what may I
// do" view (GET /me) share it.
//   - another account's resource: never (the API answers 404 for it, not 403);
//   - an API token: only what its user may do AND what its own list names (when it has one);
//   - owner and admin: everything in their account;
//   - a `user`: account administration never; a permission in an environment when one of their
//     teams' grants there allows it, for farms and servers within the grant's farm scope
//     (own ⊂ team ⊂ all; `team` includes the user's own farms); a view outside any environment
//     (e.g. account-wide roles) when any grant allows it, anything else outside one never;
//   - `signed-in`: any user of the account, in an environment only one their teams are granted.
import type { AclPermissions } from './acl-role';
import type { TokenPermission } from './api-token';
import {
  ACCOUNT_ADMIN_ACTIONS,
  type AccountAdminAction,
  type AccountRole,
  type FarmScope,
  PERMISSIONS,
  type Permission,
} from './permissions';

export type AccessAction = Permission | AccountAdminAction | 'signed-in';

export interface AccessGrant {
  teamId: string;
  environmentId: string;
  aclRole: { id: string; name: string; permissions: AclPermissions };
}

export interface AccessSubject {
  accountId: string;
  userId: string;
  accountRole: AccountRole;
  /** Every team the user is a member of. */
  teamIds: string[];
  /** Their teams' grants, with the ACL roles resolved. */
  grants: AccessGrant[];
  /** Set when the request came with an API token: its list, or null for "everything the user may". */
  tokenPermissions?: TokenPermission[] | null;
}

export interface AccessResource {
  accountId: string;
  environmentId?: string;
  farm?: { ownerId: string; ownerTeamId: string | null };
}

export type AccessDecision = { allowed: true } | { allowed: false; reason: string };

const ALLOWED: AccessDecision = { allowed: true };
const deny = (reason: string): AccessDecision => ({ allowed: false, reason });
const SCOPE_RANK: Record<FarmScope, number> = { own: 0, team: 1, all: 2 };

export function isAccountAdminAction(action: string): action is AccountAdminAction {
  return (ACCOUNT_ADMIN_ACTIONS as readonly string[]).includes(action);
}

export function can(subject: AccessSubject, action: AccessAction, resource: AccessResource): AccessDecision {
  if (subject.accountId !== resource.accountId) return deny('the resource belongs to another account');
  if (action !== 'signed-in' && subject.tokenPermissions && !subject.tokenPermissions.includes(action))
    return deny(`the API token does not include ${action}`);
  if (action === 'signed-in') {
    const env = resource.environmentId;
    return !env || seesEnvironment(subject, env)
      ? ALLOWED
      : deny(`none of your teams is granted environment ${env}`);
  }
  if (isAccountAdminAction(action)) {
    return subject.accountRole === 'user' ? deny(`${action} needs the account role owner or admin`) : ALLOWED;
  }
  if (subject.accountRole !== 'user') return ALLOWED;

  const env = resource.environmentId;
  if (!env && !action.endsWith(':view'))
    return deny(`${action} outside an environment needs the account role owner or admin`);
  const grants = env ? subject.grants.filter((g) => g.environmentId === env) : subject.grants;
  if (grants.length === 0)
    return deny(
      env
        ? `none of your teams is granted environment ${env}`
        : 'none of your teams is granted any environment',
    );
  const scopes = grants.flatMap((g) => g.aclRole.permissions[action] ?? []);
  if (scopes.length === 0) {
    const roles = [...new Set(grants.map((g) => g.aclRole.name))].join(', ');
    return deny(
      `missing permission ${action}${env ? ` in environment ${env}` : ''} (your ACL roles there: ${roles})`,
    );
  }
  const { farm } = resource;
  if (!farm || scopes.some((scope) => farmInScope(scope, subject, farm))) return ALLOWED;
  const widest = scopes.reduce((a, b) => (SCOPE_RANK[b] > SCOPE_RANK[a] ? b : a));
  return deny(
    `missing permission ${action} on this farm in environment ${env}: you may only on ${widest === 'own' ? 'your own farms' : "your teams' farms"}`,
  );
}

function farmInScope(scope: FarmScope, subject: AccessSubject, farm: NonNullable<AccessResource['farm']>) {
  if (scope === 'all') return true;
  if (farm.ownerId === subject.userId) return true;
  return scope === 'team' && farm.ownerTeamId !== null && subject.teamIds.includes(farm.ownerTeamId);
}

/**
 * What the subject may do in one environment, widest scope per permission: for the portal to
 * hide what the user may not do (the API still decides every request with can()).
 */
export function effectivePermissions(subject: AccessSubject, environmentId: string): AclPermissions {
  const out: AclPermissions = {};
  for (const permission of PERMISSIONS) {
    if (subject.tokenPermissions && !subject.tokenPermissions.includes(permission)) continue;
    if (subject.accountRole !== 'user') {
      out[permission] = 'all';
      continue;
    }
    for (const grant of subject.grants) {
      const scope = grant.environmentId === environmentId ? grant.aclRole.permissions[permission] : undefined;
      const held = out[permission];
      if (scope && (!held || SCOPE_RANK[scope] > SCOPE_RANK[held])) out[permission] = scope;
    }
  }
  return out;
}

/** Whether the subject sees an environment at all: owner and admin every one, a user those their teams are granted. */
export function seesEnvironment(subject: AccessSubject, environmentId: string): boolean {
  return subject.accountRole !== 'user' || subject.grants.some((g) => g.environmentId === environmentId);
}
