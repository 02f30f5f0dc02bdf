// Global Orchestration from the command line, its listings: `drover get scripts|rules` (rules
// with names in place of the ids they hold), and which documents `drover apply -f` hands to
// orchestration-apply.ts (kind Script or OrchestrationRule). `drover fire` is in fire.ts.
import type { Environment } from '../../functions/domain/schemas';
import type { OrchestrationRule, Script } from '../../functions/domain/schemas/orchestration';
import { listAll } from '../api';
import type { Context } from '../context';
import { type Column, printList } from '../output';
import { listRoles } from '../resolve';

export const ORCHESTRATION_KINDS = ['Script', 'OrchestrationRule'] as const;

const scriptColumns: Column<Script>[] = [
  { header: 'name', value: (s) => s.name },
  { header: 'version', value: (s) => String(s.latestVersion) },
  { header: 'interpreter', value: (s) => s.interpreterHint },
  { header: 'blocking', value: (s) => (s.blocking ? 'yes' : 'no') },
  { header: 'timeout', value: (s) => `${s.timeoutSeconds}s` },
  { header: 'id', value: (s) => s.id },
];

function scopeText(rule: OrchestrationRule, names: Names): string {
  const s = rule.scope;
  switch (s.kind) {
    case 'account':
      return 'account';
    case 'environment':
      return `environment/${names.environments.get(s.environmentId) ?? s.environmentId}`;
    case 'role':
      return `role/${names.roles.get(s.roleId) ?? s.roleId}`;
    case 'farm':
      return `farm/${names.farms.get(s.farmId) ?? s.farmId}`;
    case 'farmRole':
      return `farm/${names.farms.get(s.farmId) ?? s.farmId}/${names.farmRoles.get(s.farmRoleId) ?? s.farmRoleId}`;
  }
}

interface Names {
  scripts: Map<string, string>;
  environments: Map<string, string>;
  roles: Map<string, string>;
  farms: Map<string, string>;
  farmRoles: Map<string, string>;
}

/** Names for the ids rules hold, from what the caller can list (ids stay where a name is unknown). */
async function namesFor(ctx: Context, env: Environment): Promise<Names> {
  const [scripts, environments, roles, farms] = await Promise.all([
    listAll(ctx.api.listScripts, {}),
    listAll(ctx.api.listEnvironments, {}),
    listRoles(ctx.api, env),
    listAll(ctx.api.listFarms, { params: { environmentId: env.id } }),
  ]);
  return {
    scripts: new Map(scripts.map((s) => [s.id, s.name])),
    environments: new Map(environments.map((e) => [e.id, e.name])),
    roles: new Map(roles.map((r) => [r.id, r.name])),
    farms: new Map(farms.map((f) => [f.id, f.name])),
    farmRoles: new Map(farms.flatMap((f) => f.farmRoles.map((fr) => [fr.id, fr.alias] as const))),
  };
}

export async function listScripts(ctx: Context): Promise<void> {
  const items = await listAll(ctx.api.listScripts, {});
  return printList(ctx.io, ctx.format, items, scriptColumns, 'No scripts in this account.');
}

export async function listRules(ctx: Context): Promise<void> {
  const items = await listAll(ctx.api.listOrchestrationRules, {});
  if (ctx.format !== 'table') return printList(ctx.io, ctx.format, items, [], '');
  const names = await namesFor(ctx, await ctx.environment());
  const columns: Column<OrchestrationRule>[] = [
    { header: 'event', value: (r) => r.event },
    { header: 'scope', value: (r) => scopeText(r, names) },
    { header: 'target', value: (r) => r.target },
    {
      header: 'script',
      value: (r) => `${names.scripts.get(r.scriptId) ?? r.scriptId}@${r.scriptVersion ?? 'latest'}`,
    },
    { header: 'order', value: (r) => String(r.order) },
    { header: 'enabled', value: (r) => (r.enabled ? 'yes' : 'no') },
    { header: 'abort', value: (r) => (r.abortOnFailure ? 'yes' : 'no') },
    { header: 'id', value: (r) => r.id },
  ];
  items.sort((a, b) => a.event.localeCompare(b.event) || a.order - b.order || a.id.localeCompare(b.id));
  return printList(ctx.io, ctx.format, items, columns, 'No orchestration rules in this account.');
}

/** The document's kind when it is one of ours, read without judging the rest. */
export async function orchestrationKindOf(
  text: string,
): Promise<(typeof ORCHESTRATION_KINDS)[number] | null> {
  const { parse } = await import('yaml');
  try {
    const kind = (parse(text) as { kind?: unknown } | null)?.kind;
    return ORCHESTRATION_KINDS.find((k) => k === kind) ?? null;
  } catch {
    return null;
  }
}
