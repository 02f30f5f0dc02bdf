// GET /me: the caller, their account role, and per environment they see what they may do
// there, so the portal can hide what would be refused (the API still decides every request).
import { effectivePermissions, seesEnvironment } from '../../domain/access/can';
import { NotFound } from '../../domain/errors';
import type { Environment } from '../../domain/schemas/environment';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { loadSubject } from './subject';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type MeRepos = Pick<Store, 'aclRoles' | 'environments' | 'teams' | 'users'>;

export async function describeMe({ store }: { store: MeRepos }, principal: Principal) {
  const user = await store.users.get({ accountId: principal.accountId }, principal.userId);
  if (!user) throw new NotFound('Your user is not in this account');
  const subject = principal.subject ?? (await loadSubject(store, principal));
  const environments: Environment[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.environments.list({ accountId: principal.accountId }, { limit: 200, cursor });
    environments.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return {
    user,
    accountRole: user.accountRole,
    via: principal.via,
    apiToken: principal.apiToken ?? null,
    teamIds: subject.teamIds,
    environments: environments
      .filter((env) => seesEnvironment(subject, env.id))
      .map((env) => ({
        environmentId: env.id,
        name: env.name,
        permissions: effectivePermissions(subject, env.id),
      })),
  };
}
