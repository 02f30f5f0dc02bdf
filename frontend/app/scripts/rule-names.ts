// Rules in words for tables, refusals and the execution view: "HostUp in environment demo →
// hello-host (latest)". Ids the page could not name (another environment's farm) stay ids.
import type { OrchestrationRule, RuleScope, Script } from '../../lib/orchestration-api';

export interface NameBook {
  environments: Map<string, string>;
  roles: Map<string, string>;
  farms: Map<string, { name: string; farmRoles: Map<string, string> }>;
  scripts: Map<string, Script>;
}

export function nameBook({
  environments = [],
  roles = [],
  farms = [],
  scripts = [],
}: {
  environments?: { id: string; name: string }[];
  roles?: { id: string; name: string }[];
  farms?: { id: string; name: string; farmRoles: { id?: string; alias: string }[] }[];
  scripts?: Script[];
}): NameBook {
  return {
    environments: new Map(environments.map((e) => [e.id, e.name])),
    roles: new Map(roles.map((r) => [r.id, r.name])),
    farms: new Map(
      farms.map((f) => [
        f.id,
        {
          name: f.name,
          farmRoles: new Map(f.farmRoles.filter((fr) => fr.id).map((fr) => [fr.id!, fr.alias])),
        },
      ]),
    ),
    scripts: new Map(scripts.map((s) => [s.id, s])),
  };
}

export function scopeLabel(scope: RuleScope, names: NameBook): string {
  switch (scope.kind) {
    case 'account':
      return 'account (every environment)';
    case 'environment':
      return `environment ${names.environments.get(scope.environmentId) ?? scope.environmentId}`;
    case 'role':
      return `role ${names.roles.get(scope.roleId) ?? scope.roleId}`;
    case 'farm':
      return `farm ${names.farms.get(scope.farmId)?.name ?? scope.farmId}`;
    case 'farmRole': {
      const farm = names.farms.get(scope.farmId);
      return `farm role ${farm?.name ?? scope.farmId} / ${farm?.farmRoles.get(scope.farmRoleId) ?? scope.farmRoleId}`;
    }
    default:
      return 'unknown scope';
  }
}

export function versionLabel(rule: OrchestrationRule): string {
  return rule.scriptVersion === null ? 'latest' : `v${rule.scriptVersion}`;
}

export function ruleSentence(rule: OrchestrationRule, names: NameBook): string {
  const script = names.scripts.get(rule.scriptId)?.name ?? rule.scriptId;
  return `On ${rule.event} in ${scopeLabel(rule.scope, names)} run ${script} (${versionLabel(rule)})`;
}
