// The permission catalog: what an ACL role can grant, per resource and action (Scalr's model).
// A team is granted an environment with an ACL role; the role's permissions decide what its
// members may do there. Farm permissions carry a scope: a member may act on the farms they own,
// the farms of their team, or every farm of the environment.
// Account-level administration (users, teams, ACL roles, environments) is not an ACL matter: it
// belongs to the account roles `owner` and `admin` (ACCOUNT_ADMIN_ACTIONS).
import { z } from 'zod';

export const RESOURCE_ACTIONS = {
  farms: ['view', 'create', 'update', 'launch', 'terminate', 'delete'],
  servers: ['view', 'terminate', 'reboot'],
  roles: ['view', 'manage'],
  credentials: ['view', 'manage'],
  policies: ['view', 'manage'],
  webhooks: ['view', 'manage'],
  variables: ['view', 'manage'],
  orchestration: ['view', 'manage', 'fire'],
  audit: ['view'],
  // Pushing values to a farm role's scaling rules: what a monitoring system's token needs, and no more.
  metrics: ['push'],
} as const;

export type AclResource = keyof typeof RESOURCE_ACTIONS;
export type Permission = {
  [R in AclResource]: `${R}:${(typeof RESOURCE_ACTIONS)[R][number]}`;
}[AclResource];

export const PERMISSIONS: readonly Permission[] = Object.entries(RESOURCE_ACTIONS).flatMap(
  ([resource, actions]) => actions.map((action) => `${resource}:${action}` as Permission),
);
export const PermissionName = z.enum(PERMISSIONS as [Permission, ...Permission[]]);

/** Which farms a farm or server permission reaches. */
export const FarmScope = z.enum(['own', 'team', 'all']);
export type FarmScope = z.infer<typeof FarmScope>;

/** Actions only an account's owner or admins may take, whatever their teams. */
export const ACCOUNT_ADMIN_ACTIONS = [
  'account:manage',
  'environments:manage',
  'users:manage',
  'teams:manage',
  'acl-roles:manage',
] as const;
export type AccountAdminAction = (typeof ACCOUNT_ADMIN_ACTIONS)[number];

/** Account roles: `owner` (one per account, can do everything), `admin` (everything but ownership), `user` (through teams). */
export const AccountRole = z.enum(['owner', 'admin', 'user']);
export type AccountRole = z.infer<typeof AccountRole>;
