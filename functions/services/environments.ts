// Use-cases of environments.
import { Conflict, NotFound } from '../domain/errors';
import { newId } from '../domain/ids';
import type { PageQuery } from '../domain/schemas/common';
import type { Environment, EnvironmentInput } from '../domain/schemas/environment';
import type { Clock } from '../ports/clock';
import type { Principal } from '../ports/identity';
import type { Store } from '../ports/store';
import { auditWrite } from './audit';
import { expectedVersion } from './versions';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type EnvironmentsRepos = Pick<Store, 'audit' | 'credentials' | 'environments' | 'farms'>;

interface Deps {
  store: EnvironmentsRepos;
  clock: Clock;
}

export async function getEnvironment(
  { store }: Deps,
  principal: Principal,
  environmentId: string,
): Promise<Environment> {
  const env = await store.environments.get({ accountId: principal.accountId }, environmentId);
  if (!env) throw new NotFound(`Environment ${environmentId} not found`);
  return env;
}

export function listEnvironments({ store }: Deps, principal: Principal, page: PageQuery) {
  return store.environments.list({ accountId: principal.accountId }, page);
}

export async function createEnvironment(
  { store, clock }: Deps,
  principal: Principal,
  input: EnvironmentInput,
) {
  const now = clock.now().toISOString();
  const env: Environment = {
    ...input,
    id: newId('environment'),
    accountId: principal.accountId,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await store.environments.create(env);
  return env;
}

export async function updateEnvironment(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  input: EnvironmentInput,
  ifMatch: number | '*' | undefined,
) {
  const current = await getEnvironment(deps, principal, environmentId);
  const expected = expectedVersion(ifMatch, current, 'environment');
  const env: Environment = {
    ...current,
    ...input,
    version: expected + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.environments.update(env, expected);
  auditWrite({ before: current, after: env });
  return env;
}

export async function deleteEnvironment(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  ifMatch: number | '*' | undefined,
) {
  const current = await getEnvironment(deps, principal, environmentId);
  const scope = { accountId: principal.accountId, environmentId };
  const [farms, credentials] = await Promise.all([
    deps.store.farms.listByEnvironment(scope, { limit: 1 }),
    deps.store.credentials.list(scope, { limit: 1 }),
  ]);
  if (farms.items.length > 0 || credentials.items.length > 0) {
    throw new Conflict(
      `Environment ${environmentId} still has farms or cloud credentials; delete them first`,
    );
  }
  await deps.store.environments.delete(
    { accountId: principal.accountId },
    environmentId,
    ifMatch === undefined ? undefined : expectedVersion(ifMatch, current, 'environment'),
  );
  auditWrite({ before: current, after: null });
}
