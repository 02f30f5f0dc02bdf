// `drover apply -f` for documents of kind Script and OrchestrationRule (names instead of ids).
// A script is found by its name (unique in the account) and saved as a new version only when
// something changed. A rule has no name: the file may give its `id`; without one, the rule with
// the same scope, event, target and script is the one updated, else a new one is created.
import type { OrchestrationRule, Script } from '../../functions/domain/schemas/orchestration';
import { listAll } from '../api';
import type { Context } from '../context';
import { CliError, type FieldIssue, invalidInput } from '../errors';
import { notice, printData } from '../output';
import { byName, findEnvironment, getFarm, isIdOf, listRoles } from '../resolve';

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
  const current = byName(await listAll(ctx.api.listScripts, {}), input.name);
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
  else if (!current) result = (await ctx.api.createScript({ body: input })).body;
  else if (changed.length)
    result = (
      await ctx.api.updateScript({ params: { scriptId: current.id }, body: input, ifMatch: current.version })
    ).body;
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
  const scripts = await listAll(ctx.api.listScripts, {});
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

  const rules = await listAll(ctx.api.listOrchestrationRules, {});
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
  else if (!current) result = (await ctx.api.createOrchestrationRule({ body: input })).body;
  else if (changed.length) {
    const params = { ruleId: current.id };
    result = (await ctx.api.updateOrchestrationRule({ params, body: input, ifMatch: current.version })).body;
  }
  await report(ctx, 'rule', name, action, dryRun, result);
}
