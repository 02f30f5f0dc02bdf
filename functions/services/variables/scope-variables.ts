// Use-cases of one scope's Global Variables: read (hidden values masked), replace (If-Match, checked
// against the scopes above), and the resolved view of a farm role. A scope is addressed inside the
// caller's account: an environment, role, farm, farm role or server of another account is a 404.
import { type FieldIssue, NotFound, Unprocessable } from '../../domain/errors';
import type { Farm } from '../../domain/schemas/farm';
import {
  describeTarget,
  explainResolution,
  type GlobalVariable,
  HIDDEN_MASK,
  resolveVariables,
  type VariableLayer,
  type VariableResolutionView,
  type VariableSet,
  type VariableSetInput,
  type VariableTarget,
} from '../../domain/variables';
import type { Clock } from '../../ports/clock';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { auditWrite } from '../audit';
import { expectedVersion } from '../versions';
import { loadFarmVariableLayers } from './layers';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type ScopeVariablesRepos = Pick<
  Store,
  'audit' | 'environments' | 'farms' | 'roles' | 'servers' | 'variables'
>;

interface Deps {
  store: ScopeVariablesRepos;
  clock: Clock;
}

/**
 * The resolution paths above a scope: one list of layers per way down to it. A farm has one per farm
 * role, because a role's scope sits between the environment and the farm.
 */
async function pathsAbove(
  { store }: Deps,
  accountId: string,
  target: VariableTarget,
): Promise<VariableLayer[][]> {
  const layer = async (t: VariableTarget): Promise<VariableLayer[]> => {
    const set = await store.variables.get(accountId, t);
    return set.variables.length ? [{ scope: t.scope, variables: set.variables }] : [];
  };
  const account = () => layer({ scope: 'account' });
  switch (target.scope) {
    case 'account':
      return [[]];
    case 'environment': {
      if (!(await store.environments.get({ accountId }, target.environmentId)))
        throw new NotFound(`Environment ${target.environmentId} not found`);
      return [await account()];
    }
    case 'role': {
      const role = await store.roles.get({ accountId }, target.roleId);
      if (!role) throw new NotFound(`Role ${target.roleId} not found`);
      const env = role.environmentId
        ? await layer({ scope: 'environment', environmentId: role.environmentId })
        : [];
      return [[...(await account()), ...env]];
    }
    default: {
      const farm = await store.farms.get({ accountId }, target.farmId);
      if (!farm) throw new NotFound(`Farm ${target.farmId} not found`);
      const layers = await loadFarmVariableLayers(store, farm);
      const upTo = (farmRoleId: string, scope: VariableTarget['scope']) =>
        layers.forFarmRole(farmRoleId).filter((l) => rankBelow(l.scope, scope));
      if (target.scope === 'farm') {
        if (farm.farmRoles.length === 0) return [upTo('', 'farm')];
        return farm.farmRoles.map((fr) => upTo(fr.id!, 'farm'));
      }
      if (target.scope === 'farmRole') {
        requireFarmRole(farm, target.farmRoleId);
        return [upTo(target.farmRoleId, 'farmRole')];
      }
      const server = await store.servers.get({ accountId, farmId: farm.id }, target.serverId);
      if (!server) throw new NotFound(`Server ${target.serverId} of farm ${farm.id} not found`);
      return [upTo(server.farmRoleId, 'server')];
    }
  }
}

const ORDER: VariableTarget['scope'][] = ['account', 'environment', 'role', 'farm', 'farmRole', 'server'];
const rankBelow = (scope: VariableTarget['scope'], than: VariableTarget['scope']) =>
  ORDER.indexOf(scope) < ORDER.indexOf(than);

function requireFarmRole(farm: Farm, farmRoleId: string) {
  const fr = farm.farmRoles.find((f) => f.id === farmRoleId);
  if (!fr) throw new NotFound(`Farm role ${farmRoleId} of farm ${farm.id} not found`);
  return fr;
}

/** Names hidden by a declaration above the scope: their values here are hidden too. */
const hiddenAbove = (paths: VariableLayer[][]) =>
  new Set(paths.flat().flatMap((l) => l.variables.filter((v) => v.hidden).map((v) => v.name)));

function masked(set: VariableSet, hiddenNames: Set<string>): VariableSet {
  return {
    ...set,
    variables: set.variables.map((v) =>
      v.value !== null && (v.hidden || hiddenNames.has(v.name)) ? { ...v, value: HIDDEN_MASK } : v,
    ),
  };
}

export async function getScopeVariables(
  deps: Deps,
  principal: Principal,
  target: VariableTarget,
): Promise<VariableSet> {
  const paths = await pathsAbove(deps, principal.accountId, target);
  return masked(await deps.store.variables.get(principal.accountId, target), hiddenAbove(paths));
}

export async function putScopeVariables(
  deps: Deps,
  principal: Principal,
  target: VariableTarget,
  input: VariableSetInput,
  ifMatch: number | '*' | undefined,
): Promise<VariableSet> {
  const { accountId } = principal;
  const paths = await pathsAbove(deps, accountId, target);
  const current = await deps.store.variables.get(accountId, target);
  const expected = expectedVersion(ifMatch, current, `variable set of ${describeTarget(target)}`);
  const hidden = hiddenAbove(paths);
  const variables = keepMaskedValues(input.variables, current.variables, hidden);
  checkAgainstAbove(target, variables, paths);
  const set: VariableSet = {
    accountId,
    target,
    variables,
    version: expected + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.variables.save(set, expected);
  // Both as the GET shows them: a hidden value never reaches the audit log.
  const saved = masked(set, hidden);
  auditWrite({ before: masked(current, hidden), after: saved });
  return saved;
}

/** A hidden value comes back from a GET as the mask; sent back unchanged, it keeps the stored value. */
function keepMaskedValues(
  incoming: GlobalVariable[],
  stored: GlobalVariable[],
  hiddenNames: Set<string>,
): GlobalVariable[] {
  const issues: FieldIssue[] = [];
  const result = incoming.map((v, i) => {
    if (v.value !== HIDDEN_MASK) return v;
    const before = stored.find((s) => s.name === v.name);
    const wasMasked = before && before.value !== null && (before.hidden || hiddenNames.has(v.name));
    if (wasMasked) return { ...v, value: before.value };
    issues.push({
      path: `variables.${i}.value`,
      message: `${HIDDEN_MASK} stands for a stored hidden value, and ${v.name} has none at this scope: send the value itself`,
    });
    return v;
  });
  if (issues.length) throw new Unprocessable('A masked value has nothing to keep', issues);
  return result;
}

/**
 * Refuses what the scopes above already forbid: a value for a variable made final above (naming the
 * scope that locked it), a value failing a pattern on its path, a pattern here that the inherited
 * value fails. What this write does to the scopes below is reported by their resolution instead.
 */
function checkAgainstAbove(target: VariableTarget, variables: GlobalVariable[], paths: VariableLayer[][]) {
  const issues = new Map<string, FieldIssue>();
  const index = new Map(variables.map((v, i) => [v.name, i]));
  for (const path of paths) {
    const { problems } = resolveVariables([...path, { scope: target.scope, variables }], {});
    for (const p of problems) {
      const i = index.get(p.name);
      if (i === undefined) continue;
      let issue: FieldIssue | undefined;
      if (p.kind === 'finalOverride' && p.overrideScope === target.scope)
        issue = {
          path: `variables.${i}.value`,
          message: `${p.name} is final at ${p.finalScope} scope: ${p.message}`,
        };
      else if (p.kind === 'patternMismatch' && p.valueScope === target.scope)
        issue = { path: `variables.${i}.value`, message: p.message };
      else if (p.kind === 'patternMismatch' && p.patternScope === target.scope)
        issue = { path: `variables.${i}.validationPattern`, message: p.message };
      if (issue) issues.set(`${issue.path}|${issue.message}`, issue);
    }
  }
  if (issues.size)
    throw new Unprocessable(`The variables of ${describeTarget(target)} break rules set above them`, [
      ...issues.values(),
    ]);
}

/** The resolution of one farm role, with every declaration on its path: the "why is it this value" view. */
export async function getResolvedFarmRoleVariables(
  deps: Deps,
  principal: Principal,
  farmId: string,
  farmRoleId: string,
): Promise<VariableResolutionView> {
  const farm = await deps.store.farms.get({ accountId: principal.accountId }, farmId);
  if (!farm) throw new NotFound(`Farm ${farmId} not found`);
  requireFarmRole(farm, farmRoleId);
  const layers = (await loadFarmVariableLayers(deps.store, farm)).forFarmRole(farmRoleId);
  return explainResolution(resolveVariables(layers, {}), layers);
}
