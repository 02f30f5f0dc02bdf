// ACL role: a named set of permissions a team is granted an environment with. Each granted
// permission carries a farm scope (own | team | all); it only narrows permissions that act on one
// farm (farms, servers, orchestration:fire), every other is environment-wide, so its scope is `all`.
// Per-permission scopes (rather than one scope per resource) let the built-in `developer` see
// every farm of an environment while changing only its team's.
import { z } from 'zod';
import { idOf, Name, Versioned } from '../schemas/common';
import { FarmScope, PERMISSIONS, type Permission, PermissionName } from './permissions';

export const BUILT_IN_ACL_ROLE_IDS = ['full-access', 'read-only', 'developer'] as const;
export type BuiltInAclRoleId = (typeof BUILT_IN_ACL_ROLE_IDS)[number];

/** A custom ACL role's id (`acl-<ulid>`) or a built-in's name. */
export const AclRoleId = z.union([z.enum(BUILT_IN_ACL_ROLE_IDS), idOf('aclRole')]);

/** Permissions that act on one farm (its servers, its custom events) and so take a farm scope. */
export const isFarmScoped = (p: string) =>
  p.startsWith('farms:') || p.startsWith('servers:') || p === 'orchestration:fire' || p === 'metrics:push';

export const AclPermissions = z.partialRecord(PermissionName, FarmScope).superRefine((perms, ctx) => {
  for (const [permission, scope] of Object.entries(perms)) {
    if (!isFarmScoped(permission) && scope !== 'all')
      ctx.addIssue({
        code: 'custom',
        path: [permission],
        message:
          'only permissions on a farm (farms, servers, orchestration:fire, metrics:push) take a farm scope',
      });
  }
});
export type AclPermissions = Partial<Record<Permission, FarmScope>>;

export const AclRoleInput = z
  .object({ name: Name, description: z.string().max(1024).default(''), permissions: AclPermissions })
  .strict()
  .meta({ id: 'AclRoleInput' });
export type AclRoleInput = z.infer<typeof AclRoleInput>;

export const AclRole = z
  .object({
    id: AclRoleId,
    accountId: idOf('account').nullable(),
    name: Name,
    description: z.string(),
    builtIn: z.boolean(),
    permissions: AclPermissions,
  })
  .extend(Versioned.shape)
  .meta({ id: 'AclRole' });
export type AclRole = Omit<z.infer<typeof AclRole>, 'permissions'> & { permissions: AclPermissions };

const all = (permissions: readonly Permission[]): AclPermissions =>
  Object.fromEntries(permissions.map((p) => [p, 'all']));

const VIEWS = PERMISSIONS.filter((p) => p.endsWith(':view'));
const EPOCH = '2026-01-01T00:00:00.000Z';
const builtIn = (id: BuiltInAclRoleId, name: string, description: string, permissions: AclPermissions) =>
  ({
    id,
    accountId: null,
    name,
    description,
    builtIn: true,
    permissions,
    version: 1,
    createdAt: EPOCH,
    updatedAt: EPOCH,
  }) satisfies AclRole;

/**
 * The built-in ACL roles. `developer` sees everything of the environment, creates farms, and
 * changes, launches, terminates and deletes the farms of their team (their own included), and
 * terminates or reboots those farms' servers. Roles, credentials, webhooks, policies, variables
 * and orchestration stay view-only for a developer: a farm-scoped "manage" of variables or
 * scripts would need a farm in every such route, which those routes do not have (yet). Firing
 * custom events is allowed (`orchestration:fire`): it is how a developer's deploy triggers scripts.
 */
export const BUILT_IN_ACL_ROLES: Record<BuiltInAclRoleId, AclRole> = {
  'full-access': builtIn('full-access', 'Full access', 'Everything in the environment', all(PERMISSIONS)),
  'read-only': builtIn('read-only', 'Read only', 'Sees everything, changes nothing', all(VIEWS)),
  developer: builtIn('developer', 'Developer', "Self-service on their team's farms", {
    ...all(VIEWS),
    'farms:create': 'all',
    'farms:update': 'team',
    'farms:launch': 'team',
    'farms:terminate': 'team',
    'farms:delete': 'team',
    'servers:terminate': 'team',
    'servers:reboot': 'team',
    'orchestration:fire': 'team',
  }),
};

export function isBuiltInAclRole(id: string): id is BuiltInAclRoleId {
  return (BUILT_IN_ACL_ROLE_IDS as readonly string[]).includes(id);
}
