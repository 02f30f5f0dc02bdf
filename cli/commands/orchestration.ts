// Global Orchestration from the command line: `drover get scripts|rules`, `drover apply -f` for
// documents of kind Script and OrchestrationRule (names instead of ids), and
// `drover fire EVENT --farm NAME`. A script is found by its name (unique in the account) and
// saved as a new version only when something changed. A rule has no name: the file may give its
// `id`; without one, the rule with the same scope, event, target and script is the one updated,
// else a new one is created.
import type { Command } from 'commander';
import type { Environment, FarmEvent } from '../../functions/domain/schemas';
import type { OrchestrationRule, Script } from '../../functions/domain/schemas/orchestration';
import { type Context, contextOf } from '../context';
import { CliError, type FieldIssue, invalidInput, usageError } from '../errors';
import { type Column, type Io, notice, printData, printList } from '../output';
import { byName, findEnvironment, getFarm, isIdOf, listRoles } from '../resolve';

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
    ctx.http.listAll<Script>('/v1/scripts'),
    ctx.http.listAll<Environment>('/v1/environments'),
    listRoles(ctx.api, env),
    ctx.http.listAll<{ id: string; name: string; farmRoles: { id: string; alias: string }[] }>(
      `/v1/environments/${env.id}/farms`,
    ),
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
  const items = await ctx.http.listAll<Script>('/v1/scripts');
  return printList(ctx.io, ctx.format, items, scriptColumns, 'No scripts in this account.');
}

export async function listRules(ctx: Context): Promise<void> {
  const items = await ctx.http.listAll<OrchestrationRule>('/v1/orchestration-rules');
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

type ApplyAction = 'created' | 'updated' | 'unchanged';

async function parseMapping(text: string, source: string): Promise<Record<string, unknown>> {
  const { parse } = await import('yaml');
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: true });
  } catch (error) {
    throw invalidInput(`${source} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`, []);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw invalidInput(`${source} must hold one document (a mapping with a kind)`, []);
  return data as Record<string, unknown>;
}

async function report(
  ctx: Context,
  kind: string,
  name: string,
  action: ApplyAction,
  dryRun: boolean,
  item: unknown,
) {
  if (ctx.format === 'table') {
    const done = dryRun ? `would be ${action === 'unchanged' ? 'left unchanged' : action} (dry run)` : action;
    const version = item && !dryRun ? ` (version ${(item as { version: number }).version})` : '';
    ctx.io.stdout.write(`${kind}/${name} ${done}${version}\n`);
  } else await printData(ctx.io, ctx.format, { action, dryRun, [kind]: item ?? null }, () => '');
}

const SCRIPT_FIELDS = [
  'name',
  'description',
  'body',
  'interpreterHint',
  'blocking',
  'timeoutSeconds',
] as const;

export async function applyScript(
  ctx: Context,
  text: string,
  source: string,
  dryRun: boolean,
): Promise<void> {
  const { kind: _kind, ...doc } = await parseMapping(text, source);
  const { ScriptInput } = await import('../../functions/domain/schemas/orchestration');
  const parsed = ScriptInput.safeParse(doc);
  if (!parsed.success)
    throw invalidInput(
      `${source} is not a valid script: ${parsed.error.issues[0]?.message}`,
      parsed.error.issues.map((i) => ({ in: 'file', path: i.path.join('.'), message: i.message })),
    );
  const input = parsed.data;
  const current = byName(await ctx.http.listAll<Script>('/v1/scripts'), input.name);
  const changed = current ? SCRIPT_FIELDS.filter((f) => current[f] !== input[f]) : [];
  if (!current) notice(ctx.io, `Script ${input.name} does not exist; it will be created.`);
  else if (changed.length)
    notice(
      ctx.io,
      `Script ${current.name} at version ${current.latestVersion} changes: ${changed.join(', ')}.`,
    );
  else notice(ctx.io, `Script ${current.name} at version ${current.latestVersion}: no changes.`);
  const action: ApplyAction = current ? (changed.length ? 'updated' : 'unchanged') : 'created';
  let result: Script | undefined = current;
  if (dryRun) notice(ctx.io, 'Dry run: nothing was written.');
  else if (!current) result = (await ctx.http.post<Script>('/v1/scripts', input)).body;
  else if (changed.length)
    result = (await ctx.http.put<Script>(`/v1/scripts/${current.id}`, input, `"${current.version}"`)).body;
  await report(ctx, 'script', input.name, action, dryRun, result);
}

/** `scope:` in a rule file: `account`, or one of {environment}, {role}, {farm}, {farm, farmRole} by name or id. */
async function resolveScope(ctx: Context, scope: unknown, issues: FieldIssue[]): Promise<unknown> {
  if (scope === 'account' || scope === undefined) return { kind: 'account' };
  if (typeof scope !== 'object' || scope === null) {
    issues.push({
      in: 'file',
      path: 'scope',
      message: 'account, or a mapping with environment, role or farm',
    });
    return { kind: 'account' };
  }
  const s = scope as Record<string, string | undefined>;
  const fail = (path: string, message: string) => {
    issues.push({ in: 'file', path: `scope.${path}`, message });
    return { kind: 'account' };
  };
  if (s.environment) {
    const env = await findEnvironment(ctx.api, s.environment);
    return env
      ? { kind: 'environment', environmentId: env.id }
      : fail('environment', `no environment ${s.environment}`);
  }
  const env = await ctx.environment();
  if (s.role) {
    const roles = await listRoles(ctx.api, env);
    const role = isIdOf('role', s.role) ? roles.find((r) => r.id === s.role) : byName(roles, s.role);
    return role ? { kind: 'role', roleId: role.id } : fail('role', `no role ${s.role} usable in ${env.name}`);
  }
  if (s.farm) {
    let farm: Awaited<ReturnType<typeof getFarm>>['farm'];
    try {
      farm = (await getFarm(ctx.api, env, s.farm)).farm;
    } catch (error) {
      if (error instanceof CliError) return fail('farm', `no farm ${s.farm} in ${env.name}`);
      throw error;
    }
    if (!s.farmRole) return { kind: 'farm', farmId: farm.id };
    const fr = farm.farmRoles.find((f) => f.alias === s.farmRole || f.id === s.farmRole);
    return fr?.id
      ? { kind: 'farmRole', farmId: farm.id, farmRoleId: fr.id }
      : fail('farmRole', `farm ${farm.name} has no farm role ${s.farmRole}`);
  }
  return fail('', 'name an environment, a role or a farm (with farmRole), or say account');
}

const sameRule = (a: Record<string, unknown>, b: OrchestrationRule) =>
  JSON.stringify(a.scope) === JSON.stringify(b.scope) &&
  a.event === b.event &&
  (a.target ?? 'triggering-server') === b.target &&
  a.scriptId === b.scriptId;

export async function applyRule(ctx: Context, text: string, source: string, dryRun: boolean): Promise<void> {
  const { kind: _kind, id, scope, script, version, ...rest } = await parseMapping(text, source);
  const issues: FieldIssue[] = [];
  const scripts = await ctx.http.listAll<Script>('/v1/scripts');
  const found =
    typeof script === 'string'
      ? (byName(scripts, script) ?? scripts.find((s) => s.id === script))
      : undefined;
  if (!found)
    issues.push({
      in: 'file',
      path: 'script',
      message: `is required: the name of a script (${String(script)} is none)`,
    });
  const body: Record<string, unknown> = {
    ...rest,
    scope: await resolveScope(ctx, scope, issues),
    scriptId: found?.id ?? 'scr-00000000000000000000000000',
    ...(version !== undefined ? { scriptVersion: version } : {}),
  };
  const { OrchestrationRuleInput } = await import('../../functions/domain/schemas/orchestration');
  const parsed = OrchestrationRuleInput.safeParse(body);
  if (!parsed.success)
    for (const i of parsed.error.issues)
      issues.push({
        in: 'file',
        path: i.path.join('.').replace(/^scriptVersion$/, 'version'),
        message: i.message,
      });
  if (issues.length > 0 || !parsed.success)
    throw invalidInput(
      `${source} is not a valid orchestration rule: ${issues[0]?.path} ${issues[0]?.message}`,
      issues,
    );

  const rules = await ctx.http.listAll<OrchestrationRule>('/v1/orchestration-rules');
  const current =
    typeof id === 'string' ? rules.find((r) => r.id === id) : rules.find((r) => sameRule(parsed.data, r));
  if (typeof id === 'string' && !current) throw new CliError(`Orchestration rule ${id} not found.`);
  const input = parsed.data;
  const changed = current
    ? (Object.keys(input) as (keyof typeof input)[]).filter(
        (k) => JSON.stringify(input[k]) !== JSON.stringify(current[k]),
      )
    : [];
  const name = `${input.event}:${found!.name}`;
  if (!current)
    notice(ctx.io, `No rule runs ${found!.name} on ${input.event} at this scope; one will be created.`);
  else
    notice(ctx.io, `Rule ${current.id}: ${changed.length ? `changes ${changed.join(', ')}` : 'no changes'}.`);
  const action: ApplyAction = current ? (changed.length ? 'updated' : 'unchanged') : 'created';
  let result: OrchestrationRule | undefined = current;
  if (dryRun) notice(ctx.io, 'Dry run: nothing was written.');
  else if (!current) result = (await ctx.http.post<OrchestrationRule>('/v1/orchestration-rules', input)).body;
  else if (changed.length)
    result = (
      await ctx.http.put<OrchestrationRule>(
        `/v1/orchestration-rules/${current.id}`,
        input,
        `"${current.version}"`,
      )
    ).body;
  await report(ctx, 'rule', name, action, dryRun, result);
}

interface FireOptions {
  farm: string;
  payload?: string;
  server?: string;
}

export function registerFire(program: Command, io: Io): void {
  program
    .command('fire')
    .description('Fire a custom event on a farm: orchestration rules and webhooks that name it follow')
    .argument('<event>', 'the event name (letters and digits; not a lifecycle event)')
    .requiredOption('--farm <name|id>', 'the farm the event is about')
    .option('--payload <json>', 'a JSON object handed to webhooks and kept in the farm log')
    .option(
      '--server <id>',
      'the server the event is about (rules targeting the triggering server run there)',
    )
    .addHelpText(
      'after',
      '\nExample:\n  drover fire DeployFinished --farm web --payload \'{"version":"1.4.2"}\'',
    )
    .action(async (event: string, opts: FireOptions, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      let payload: unknown = {};
      if (opts.payload !== undefined) {
        try {
          payload = JSON.parse(opts.payload);
        } catch {
          throw usageError('--payload must be a JSON object, e.g. \'{"version":"1.2"}\'.');
        }
      }
      const { farm } = await getFarm(ctx.api, await ctx.environment(), opts.farm);
      const fired = (
        await ctx.http.post<FarmEvent>(`/v1/farms/${farm.id}/events`, {
          name: event,
          payload,
          ...(opts.server ? { serverId: opts.server } : {}),
        })
      ).body;
      await printData(
        io,
        ctx.format,
        fired,
        () => `event/${fired.name} fired on farm ${farm.name} (${fired.id})\n`,
      );
    });
}
