// Use-cases of orchestration rules. A rule's scope must name things of its account (the
// environment, role, farm, farm role: 422 with the field path otherwise), its script must exist
// (and a pinned version too), and only a BeforeHostUp rule may abort a launch (400).

import type { FieldIssue } from '../../domain/errors';
import { InvalidInput, NotFound, Unprocessable } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { PageQuery } from '../../domain/schemas/common';
import type { OrchestrationRule, OrchestrationRuleInput } from '../../domain/schemas/orchestration';
import type { Clock } from '../../ports/clock';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { auditWrite } from '../audit';
import { expectedVersion } from '../versions';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type RulesRepos = Pick<
  Store,
  'audit' | 'environments' | 'farms' | 'orchestrationRules' | 'roles' | 'scripts'
>;

interface Deps {
  store: RulesRepos;
  clock: Clock;
}

const scopeOf = (principal: Principal) => ({ accountId: principal.accountId });

export async function getRule(deps: Deps, principal: Principal, ruleId: string): Promise<OrchestrationRule> {
  const rule = await deps.store.orchestrationRules.get(scopeOf(principal), ruleId);
  if (!rule) throw new NotFound(`Orchestration rule ${ruleId} not found`);
  return rule;
}

export function listRules(deps: Deps, principal: Principal, page: PageQuery) {
  return deps.store.orchestrationRules.list(scopeOf(principal), page);
}

async function check(deps: Deps, principal: Principal, input: OrchestrationRuleInput): Promise<void> {
  if (input.abortOnFailure && input.event !== 'BeforeHostUp')
    throw new InvalidInput('Only a BeforeHostUp rule can abort a launch', [
      { in: 'body', path: 'abortOnFailure', message: 'only for event BeforeHostUp' },
    ]);
  const scope = scopeOf(principal);
  const issues: FieldIssue[] = [];
  const s = input.scope;
  if (s.kind === 'environment' && !(await deps.store.environments.get(scope, s.environmentId)))
    issues.push({ in: 'body', path: 'scope.environmentId', message: `no environment ${s.environmentId}` });
  if (s.kind === 'role' && !(await deps.store.roles.get(scope, s.roleId)))
    issues.push({ in: 'body', path: 'scope.roleId', message: `no role ${s.roleId}` });
  if (s.kind === 'farm' || s.kind === 'farmRole') {
    const farm = await deps.store.farms.get(scope, s.farmId);
    if (!farm) issues.push({ in: 'body', path: 'scope.farmId', message: `no farm ${s.farmId}` });
    else if (s.kind === 'farmRole' && !farm.farmRoles.some((fr) => fr.id === s.farmRoleId))
      issues.push({
        in: 'body',
        path: 'scope.farmRoleId',
        message: `no farm role ${s.farmRoleId} in farm ${farm.name}`,
      });
  }
  const script = await deps.store.scripts.get(scope, input.scriptId);
  if (!script) issues.push({ in: 'body', path: 'scriptId', message: `no script ${input.scriptId}` });
  else if (input.scriptVersion !== null && input.scriptVersion > script.latestVersion)
    issues.push({
      in: 'body',
      path: 'scriptVersion',
      message: `script ${script.name} has versions 1 to ${script.latestVersion}`,
    });
  if (issues.length > 0)
    throw new Unprocessable(`The rule names what does not exist: ${issues[0]!.message}`, issues);
}

export async function createRule(deps: Deps, principal: Principal, input: OrchestrationRuleInput) {
  await check(deps, principal, input);
  const now = deps.clock.now().toISOString();
  const rule: OrchestrationRule = {
    ...input,
    id: newId('orchestrationRule'),
    accountId: principal.accountId,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.orchestrationRules.create(rule);
  return rule;
}

export async function updateRule(
  deps: Deps,
  principal: Principal,
  ruleId: string,
  input: OrchestrationRuleInput,
  ifMatch: number | '*' | undefined,
) {
  const current = await getRule(deps, principal, ruleId);
  const expected = expectedVersion(ifMatch, current, 'orchestration rule');
  await check(deps, principal, input);
  const rule: OrchestrationRule = {
    ...current,
    ...input,
    version: expected + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.orchestrationRules.update(rule, expected);
  auditWrite({ before: current, after: rule });
  return rule;
}

export async function deleteRule(
  deps: Deps,
  principal: Principal,
  ruleId: string,
  ifMatch: number | '*' | undefined,
) {
  const current = await getRule(deps, principal, ruleId);
  await deps.store.orchestrationRules.delete(
    scopeOf(principal),
    ruleId,
    expectedVersion(ifMatch, current, 'orchestration rule'),
  );
  auditWrite({ before: current, after: null });
}
