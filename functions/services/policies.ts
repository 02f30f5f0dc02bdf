// Use-cases of Governance policies: an environment's policies (versioned, names unique in the
// environment), and the evaluation of a farm spec against the enabled ones — used live by the
// portal's farm form, and on every farm save (farms.ts).
import { Conflict, NotFound } from '../domain/errors';
import { newId } from '../domain/ids';
import { evaluateFarm, PolicyViolation } from '../domain/policies';
import type { PageQuery } from '../domain/schemas/common';
import type { FarmSpec } from '../domain/schemas/farm';
import type { Policy, PolicyInput, Violation } from '../domain/schemas/policy';
import type { Role } from '../domain/schemas/role';
import type { Clock } from '../ports/clock';
import type { Principal } from '../ports/identity';
import type { Store } from '../ports/store';
import { auditWrite } from './audit';
import { getEnvironment } from './environments';
import { expectedVersion } from './versions';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type PoliciesRepos = Pick<
  Store,
  'audit' | 'credentials' | 'environments' | 'farms' | 'policies' | 'roles'
>;

interface Deps {
  store: PoliciesRepos;
  clock: Clock;
}

const scopeOf = (principal: Pick<Principal, 'accountId'>, environmentId: string) => ({
  accountId: principal.accountId,
  environmentId,
});

export async function getPolicy(deps: Deps, principal: Principal, environmentId: string, id: string) {
  const policy = await deps.store.policies.get(scopeOf(principal, environmentId), id);
  if (!policy) throw new NotFound(`Policy ${id} not found in environment ${environmentId}`);
  return policy;
}

export async function listPolicies(deps: Deps, principal: Principal, environmentId: string, page: PageQuery) {
  await getEnvironment(deps, principal, environmentId);
  return deps.store.policies.list(scopeOf(principal, environmentId), page);
}

async function checkNameFree(
  deps: Deps,
  scope: { accountId: string; environmentId: string },
  name: string,
  id?: string,
) {
  const taken = (await deps.store.policies.listAll(scope)).find(
    (p) => p.id !== id && p.name.toLowerCase() === name.toLowerCase(),
  );
  if (taken) throw new Conflict(`A policy named "${taken.name}" already exists in this environment`);
}

export async function createPolicy(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  input: PolicyInput,
) {
  await getEnvironment(deps, principal, environmentId);
  const scope = scopeOf(principal, environmentId);
  await checkNameFree(deps, scope, input.name);
  const now = deps.clock.now().toISOString();
  const policy: Policy = {
    ...input,
    id: newId('policy'),
    ...scope,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.policies.create(policy);
  return policy;
}

export async function updatePolicy(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  id: string,
  input: PolicyInput,
  ifMatch: number | '*' | undefined,
) {
  const current = await getPolicy(deps, principal, environmentId, id);
  const expected = expectedVersion(ifMatch, current, 'policy');
  await checkNameFree(deps, scopeOf(principal, environmentId), input.name, id);
  const policy: Policy = {
    ...current,
    ...input,
    version: expected + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.policies.update(policy, expected);
  auditWrite({ before: current, after: policy });
  return policy;
}

export async function deletePolicy(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  id: string,
  ifMatch: number | '*' | undefined,
) {
  const current = await getPolicy(deps, principal, environmentId, id);
  await deps.store.policies.delete(
    scopeOf(principal, environmentId),
    id,
    ifMatch === undefined ? undefined : expectedVersion(ifMatch, current, 'policy'),
  );
  auditWrite({ before: current, after: null });
}

/** The environment's enabled policies (what evaluation and enforcement read). */
export async function enabledPolicies(
  store: PoliciesRepos,
  scope: { accountId: string; environmentId: string },
): Promise<Policy[]> {
  return (await store.policies.listAll(scope)).filter((p) => p.enabled);
}

/** Every way the spec breaks the environment's enabled policies, with its roles' images and tags looked up. */
export async function farmViolations(
  deps: Deps,
  scope: { accountId: string; environmentId: string },
  spec: Pick<FarmSpec, 'name' | 'farmRoles' | 'leaseExpiresAt'>,
): Promise<Violation[]> {
  const policies = await enabledPolicies(deps.store, scope);
  if (policies.length === 0) return [];
  const roles = new Map<string, Role | undefined>();
  for (const roleId of new Set(spec.farmRoles.map((fr) => fr.roleId)))
    roles.set(roleId, await deps.store.roles.get({ accountId: scope.accountId }, roleId));
  return evaluateFarm(spec, policies, {
    now: deps.clock.now(),
    roleOf: (fr) => {
      const role = roles.get(fr.roleId);
      if (!role) return undefined;
      const image =
        role.images.find((i) => i.platform === fr.platform && i.location === fr.region) ??
        role.images.find((i) => i.platform === fr.platform && i.location === '*');
      return { tags: role.tags, ...(image ? { imageId: image.imageId } : {}) };
    },
  });
}

export async function evaluateFarmSpec(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  spec: FarmSpec,
) {
  await getEnvironment(deps, principal, environmentId);
  return { violations: await farmViolations(deps, scopeOf(principal, environmentId), spec) };
}

/** Refuses (422 with the violations) a farm spec that breaks the environment's policies. */
export async function assertFarmAllowed(
  deps: Deps,
  scope: { accountId: string; environmentId: string },
  spec: Pick<FarmSpec, 'name' | 'farmRoles' | 'leaseExpiresAt'>,
): Promise<void> {
  const violations = await farmViolations(deps, scope, spec);
  if (violations.length)
    throw new PolicyViolation(
      `The farm breaks ${violations.length} rule(s) of this environment's policies: ${violations[0]!.policyName}: ${violations[0]!.message}`,
      violations,
    );
}
