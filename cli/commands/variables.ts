// `drover vars …`: the Global Variables of one scope. `get` lists a scope's declarations (hidden
// values masked by the API), `get --resolved` a farm role's effective values and where each came
// from; `set` and `unset` are a read-modify-write of the scope's whole set with If-Match, retried
// once when someone else wrote in between (412). The scope is named like the portal names it:
//   --scope account | env [NAME] | role NAME | farm NAME | farm-role FARM/ALIAS
// (also `--scope farm=NAME`); the default is the current environment.
import { type Command, InvalidArgumentError } from 'commander';
import type { Role } from '../../functions/domain/schemas';
import type {
  GlobalVariable,
  ResolvedVariableView,
  VariableResolutionView,
  VariableSet,
} from '../../functions/domain/variables';
import { type Context, contextOf } from '../context';
import { ApiError, CliError, usageError } from '../errors';
import { type Column, type Io, notice, printData, printList, renderTable } from '../output';
import { byName, findEnvironment, getFarm, isIdOf, listRoles } from '../resolve';

const SCOPES = ['account', 'env', 'role', 'farm', 'farm-role'] as const;
type ScopeKind = (typeof SCOPES)[number];

interface ScopeRef {
  kind: ScopeKind;
  name?: string;
}

/** `--scope farm shop`, `--scope farm=shop` or `--scope env`. */
function parseScope(words: string[] | undefined): ScopeRef {
  if (!words || words.length === 0) return { kind: 'env' };
  const [first, ...rest] = words;
  const [kind, inline] = first!.includes('=') ? first!.split(/=(.*)/s) : [first!, undefined];
  if (!SCOPES.includes(kind as ScopeKind))
    throw usageError(`Unknown scope "${kind}".`, [`A scope is one of: ${SCOPES.join(', ')}.`]);
  const name = inline ?? rest[0];
  if (rest.length > 1)
    throw usageError(`--scope takes a kind and at most one name, got "${words.join(' ')}".`);
  if ((kind === 'role' || kind === 'farm' || kind === 'farm-role') && !name)
    throw usageError(`--scope ${kind} needs a name${kind === 'farm-role' ? ' like FARM/ALIAS' : ''}.`);
  if (kind === 'account' && name) throw usageError('--scope account takes no name.');
  return { kind: kind as ScopeKind, ...(name ? { name } : {}) };
}

/** One scope's variable set through its routes in the contract. */
interface ResolvedScope {
  read(): Promise<{ etag: string | undefined; body: VariableSet }>;
  write(input: { body: { variables: GlobalVariable[] }; ifMatch: string }): Promise<{ body: VariableSet }>;
  /** A farm role's effective values: only that scope has them. */
  resolved?(): Promise<{ body: VariableResolutionView }>;
  label: string;
}

const notFound = (what: string, ref: string, hint: string) =>
  new CliError(`${what} "${ref}" not found.`, {
    hints: [hint],
    problem: {
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      code: 'NotFound',
      detail: `${what} "${ref}" not found`,
    },
  });

async function resolveScope(ctx: Context, ref: ScopeRef): Promise<ResolvedScope> {
  switch (ref.kind) {
    case 'account':
      return {
        read: () => ctx.api.getAccountVariables(),
        write: (input) => ctx.api.putAccountVariables(input),
        label: 'the account',
      };
    case 'env': {
      const env = ref.name ? await findEnvironment(ctx.api, ref.name) : await ctx.environment();
      if (!env) throw notFound('Environment', ref.name!, 'See the environments with `drover env list`.');
      const params = { environmentId: env.id };
      return {
        read: () => ctx.api.getEnvironmentVariables({ params }),
        write: (input) => ctx.api.putEnvironmentVariables({ ...input, params }),
        label: `environment ${env.name}`,
      };
    }
    case 'role': {
      const roles = await listRoles(ctx.api, await ctx.environment());
      const role = isIdOf('role', ref.name!)
        ? roles.find((r) => r.id === ref.name)
        : byName<Role>(roles, ref.name!);
      if (!role) throw notFound('Role', ref.name!, 'See the roles with `drover get roles`.');
      const params = { roleId: role.id };
      return {
        read: () => ctx.api.getRoleVariables({ params }),
        write: (input) => ctx.api.putRoleVariables({ ...input, params }),
        label: `role ${role.name}`,
      };
    }
    case 'farm': {
      const { farm } = await getFarm(ctx.api, await ctx.environment(), ref.name!);
      const params = { farmId: farm.id };
      return {
        read: () => ctx.api.getFarmVariables({ params }),
        write: (input) => ctx.api.putFarmVariables({ ...input, params }),
        label: `farm ${farm.name}`,
      };
    }
    case 'farm-role': {
      const at = ref.name!.lastIndexOf('/');
      if (at <= 0) throw usageError(`--scope farm-role needs FARM/ALIAS, got "${ref.name}".`);
      const { farm } = await getFarm(ctx.api, await ctx.environment(), ref.name!.slice(0, at));
      const alias = ref.name!.slice(at + 1);
      const fr = farm.farmRoles.find((f) => f.alias === alias || f.id === alias);
      if (!fr)
        throw notFound(
          'Farm role',
          ref.name!,
          `The farm roles of ${farm.name}: ${farm.farmRoles.map((f) => f.alias).join(', ')}.`,
        );
      const params = { farmId: farm.id, farmRoleId: fr.id };
      return {
        read: () => ctx.api.getFarmRoleVariables({ params }),
        write: (input) => ctx.api.putFarmRoleVariables({ ...input, params }),
        resolved: () => ctx.api.getResolvedFarmRoleVariables({ params }),
        label: `farm role ${farm.name}/${fr.alias}`,
      };
    }
  }
}

const flagsOf = (v: { final: boolean; required: boolean; hidden: boolean }) =>
  [v.final && 'final', v.required && 'required', v.hidden && 'hidden'].filter(Boolean).join(',');

const declarationColumns: Column<GlobalVariable>[] = [
  { header: 'name', value: (v) => v.name },
  { header: 'value', value: (v) => (v.value === null ? '-' : v.value) },
  { header: 'flags', value: flagsOf },
  { header: 'pattern', value: (v) => v.validationPattern ?? '' },
  { header: 'description', value: (v) => v.description },
];

const SCOPE_NAMES: Record<string, string> = {
  farmRole: 'farm-role',
  environment: 'env',
  builtIn: 'built-in',
};
const scopeName = (s: string | null) => (s === null ? '-' : (SCOPE_NAMES[s] ?? s));

const resolvedColumns: Column<ResolvedVariableView>[] = [
  { header: 'name', value: (v) => v.name },
  { header: 'value', value: (v) => (v.value === null ? '-' : v.value) },
  { header: 'from', value: (v) => scopeName(v.scope) },
  {
    header: 'overrides',
    value: (v) =>
      v.declarations
        .filter((d) => d.role === 'overridden' || d.role === 'ignored')
        .map(
          (d) => `${scopeName(d.scope)}=${d.value}${d.role === 'ignored' ? ' (ignored: final above)' : ''}`,
        )
        .join('; '),
  },
  { header: 'flags', value: flagsOf },
  { header: 'problems', value: (v) => v.problems.map((p) => p.kind).join(',') },
];

function parseAssignment(value: string): { name: string; value: string | undefined } {
  const at = value.indexOf('=');
  if (at === 0) throw new InvalidArgumentError('expected NAME=VALUE (or NAME to change flags only)');
  return at < 0
    ? { name: value, value: undefined }
    : { name: value.slice(0, at), value: value.slice(at + 1) };
}

/** Reads the scope's set, applies `change` and writes it back with If-Match; once more after a 412. */
async function readModifyWrite(
  ctx: Context,
  scope: ResolvedScope,
  change: (variables: GlobalVariable[]) => GlobalVariable[],
): Promise<VariableSet> {
  for (let attempt = 1; ; attempt++) {
    const read = await scope.read();
    const etag = read.etag ?? `"${read.body.version}"`;
    try {
      return (await scope.write({ body: { variables: change(read.body.variables) }, ifMatch: etag })).body;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 412 && attempt === 1)) throw error;
      notice(ctx.io, `The variables of ${scope.label} changed meanwhile; applying the change again.`);
    }
  }
}

const scopeOption = (c: Command) =>
  c.option(
    '--scope <scope...>',
    `account | env [NAME] | role NAME | farm NAME | farm-role FARM/ALIAS (default: env)`,
  );

export function registerVariables(program: Command, io: Io): void {
  const vars = program
    .command('vars')
    .description('Global Variables: declare, override and inspect them per scope.');
  registerGet(vars, io);
  registerSet(vars, io);
  registerUnset(vars, io);
}

function registerGet(vars: Command, io: Io): void {
  scopeOption(vars.command('get').description("List a scope's variables (hidden values masked)"))
    .option('--resolved', "a farm role's effective values, where each came from and what it overrides")
    .action(async (options: { scope?: string[]; resolved?: boolean }, command: Command) => {
      const ctx = contextOf(command, io);
      const ref = parseScope(options.scope);
      const scope = await resolveScope(ctx, ref);
      if (options.resolved) {
        if (!scope.resolved) throw usageError('--resolved needs --scope farm-role FARM/ALIAS.');
        const view = (await scope.resolved()).body;
        await printData(ctx.io, ctx.format, view, (p) =>
          view.variables.length ? renderTable(resolvedColumns, view.variables, p) : '',
        );
        if (ctx.format === 'table')
          for (const problem of view.problems) notice(ctx.io, `problem: ${problem.message}`);
        return;
      }
      const set = (await scope.read()).body;
      if (ctx.format === 'table')
        return printList(
          ctx.io,
          ctx.format,
          set.variables,
          declarationColumns,
          `No variables on ${scope.label}.`,
        );
      await printData(ctx.io, ctx.format, set, () => '');
    });
}

function registerSet(vars: Command, io: Io): void {
  scopeOption(
    vars
      .command('set')
      .description('Declare or change a variable at a scope')
      .argument('<NAME=VALUE>', 'the value; NAME alone changes flags only', parseAssignment),
  )
    .option('--final', 'no lower scope may change the value')
    .option('--no-final', 'clear final at this scope')
    .option('--required', 'must have a value at the farm role before the farm launches')
    .option('--no-required', 'clear required at this scope')
    .option('--hidden', 'masked in the API, portal and CLI; still given to scripts')
    .option('--no-hidden', 'clear hidden at this scope')
    .option('--pattern <regex>', 'RE2 pattern the whole value must match')
    .option('--description <text>', 'what the variable is for')
    .action(
      async (
        assignment: { name: string; value: string | undefined },
        options: {
          scope?: string[];
          final?: boolean;
          required?: boolean;
          hidden?: boolean;
          pattern?: string;
          description?: string;
        },
        command: Command,
      ) => {
        const ctx = contextOf(command, io);
        const scope = await resolveScope(ctx, parseScope(options.scope));
        const saved = await readModifyWrite(ctx, scope, (variables) => {
          const before = variables.find((v) => v.name === assignment.name);
          const next: GlobalVariable = {
            name: assignment.name,
            value: assignment.value !== undefined ? assignment.value : (before?.value ?? null),
            final: options.final ?? before?.final ?? false,
            required: options.required ?? before?.required ?? false,
            hidden: options.hidden ?? before?.hidden ?? false,
            description: options.description ?? before?.description ?? '',
            ...((options.pattern ?? before?.validationPattern) !== undefined
              ? { validationPattern: options.pattern ?? before?.validationPattern }
              : {}),
          };
          return before ? variables.map((v) => (v === before ? next : v)) : [...variables, next];
        });
        notice(ctx.io, `Set ${assignment.name} on ${scope.label} (version ${saved.version}).`);
        const shown = saved.variables.filter((v) => v.name === assignment.name);
        await printList(ctx.io, ctx.format, shown, declarationColumns, '');
      },
    );
}

function registerUnset(vars: Command, io: Io): void {
  scopeOption(vars.command('unset').description('Remove a variable from a scope').argument('<NAME>')).action(
    async (name: string, options: { scope?: string[] }, command: Command) => {
      const ctx = contextOf(command, io);
      const scope = await resolveScope(ctx, parseScope(options.scope));
      const saved = await readModifyWrite(ctx, scope, (variables) => {
        if (!variables.some((v) => v.name === name))
          throw notFound('Variable', name, `See the variables of ${scope.label} with \`drover vars get\`.`);
        return variables.filter((v) => v.name !== name);
      });
      notice(ctx.io, `Removed ${name} from ${scope.label} (version ${saved.version}).`);
    },
  );
}
