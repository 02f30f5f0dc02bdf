// Environments (`ACC#<acc>` / `ENV#<env>`) and roles (`ACC#<acc>` / `ROLE#<role>`): versioned
// documents in their account's partition, read and written through VersionedItems.
import type { PageQuery } from '../../domain/schemas/common';
import type { Environment } from '../../domain/schemas/environment';
import type { Role } from '../../domain/schemas/role';
import type { Store } from '../../ports/store';
import { keys } from './keys';
import type { VersionedItems } from './versioned-items';

export function createEnvironmentRepo(items: VersionedItems): Store['environments'] {
  return {
    get: ({ accountId }, id) => items.get<Environment>(keys.environment(accountId, id)),
    list: ({ accountId }, page: PageQuery) =>
      items.page<Environment>(`ACC#${accountId}`, 'ENV#', page.limit, page.cursor),
    create: (env) => items.create('environment', keys.environment(env.accountId, env.id), env, 'Environment'),
    update: (env, expected) =>
      items.update('environment', keys.environment(env.accountId, env.id), env, expected, 'Environment'),
    delete: ({ accountId }, id, expected) =>
      items.delete(keys.environment(accountId, id), 'Environment', expected),
  };
}

export function createRoleRepo(items: VersionedItems): Store['roles'] {
  return {
    get: ({ accountId }, id) => items.get<Role>(keys.role(accountId, id)),
    list: ({ accountId }, page) => items.page<Role>(`ACC#${accountId}`, 'ROLE#', page.limit, page.cursor),
    create: (role) => items.create('role', keys.role(role.accountId, role.id), role, 'Role'),
    update: (role, expected) =>
      items.update('role', keys.role(role.accountId, role.id), role, expected, 'Role'),
    delete: ({ accountId }, id, expected) => items.delete(keys.role(accountId, id), 'Role', expected),
  };
}
