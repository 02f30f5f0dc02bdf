// `drover apply -f farm.yaml`: make the farm named in the file look like the file. The file is
// checked with the API's schema first; names of roles and credentials become ids; the farm is
// created when the environment has none of that name, else replaced with If-Match on the
// version just read (or the file's own `version`), so a concurrent change is never overwritten.
// What changes is printed to stderr as field paths, old → new; --dry-run stops there.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Environment, Farm, FarmSpec } from '../../functions/domain/schemas';
import { listAll } from '../api';
import { type Context, contextOf } from '../context';
import { type Change, diffFarmSpec, renderChanges } from '../diff';
import { ApiError, CliError } from '../errors';
import { parseFarmDocument, type Referable, resolveFarmDocument } from '../farm-document';
import { colourEnabled, type Io, notice, palette, printData } from '../output';
import { readStdin } from '../prompt';
import { byName, type FoundFarm, getFarm, listCredentials, listRoles } from '../resolve';
import { orchestrationKindOf } from './orchestration';
import { applyRule, applyScript } from './orchestration-apply';
import { applyPolicy, isPolicyDocument } from './policies';

type Action = 'created' | 'updated' | 'unchanged';

interface ApplyOptions {
  filename: string;
  dryRun?: boolean;
}

function readSource(file: string): Promise<string> | string {
  if (file === '-') return readStdin();
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

/** Farm roles the file does not give an id keep the one stored under the same alias. */
function keepFarmRoleIds(spec: FarmSpec, current: Farm): FarmSpec {
  return {
    ...spec,
    farmRoles: spec.farmRoles.map((fr) => {
      if (fr.id) return fr;
      const stored = current.farmRoles.find((s) => s.alias === fr.alias);
      return stored ? { ...fr, id: stored.id } : fr;
    }),
  };
}

function staleUpdate(error: ApiError, farm: Farm, file: string, fileVersion: number | undefined): CliError {
  const now = error.problem.currentVersion;
  const asked = fileVersion ?? farm.version;
  return new CliError(
    `Farm ${farm.name} was changed by someone else: this apply was based on version ${asked}, ` +
      `but the farm is now at version ${now ?? 'a newer one'}. Nothing was written.`,
    {
      problem: error.problem,
      hints:
        fileVersion !== undefined
          ? [
              `${file} asks for version ${fileVersion} (its "version:" field).`,
              'Look at the farm (`drover describe farm`), then update or remove that field and apply again.',
            ]
          : [`Re-run \`drover apply -f ${file}\` to see the changes against the current version.`],
    },
  );
}

export function registerApply(program: Command, io: Io): void {
  program
    .command('apply')
    .description('Create or update a farm from a YAML or JSON file, showing what changes')
    .requiredOption('-f, --filename <file>', 'a Farm, Script or OrchestrationRule file, or - for stdin')
    .option('--dry-run', 'show what would change and write nothing')
    .addHelpText(
      'after',
      `
A farm file (roles and credentials by name or id):

  kind: Farm
  name: web-app
  description: The web tier
  farmRoles:
    - alias: web
      platform: aws
      role: base-debian
      credentials: aws-sandbox
      region: us-east-1
      zones: [us-east-1a, us-east-1b]
      instanceType: t3.small
      minInstances: 2
      maxInstances: 4

Add "version: N" to apply only while the farm is still at version N.

A Governance policy file (see examples/policies/):

  kind: Policy
  name: small instances
  platform: aws
  rule:
    kind: allowed-instance-types
    instanceTypes: [t3.*]`,
    )
    .action(async (opts: ApplyOptions, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const source = opts.filename === '-' ? 'stdin' : opts.filename;
      const text = await readSource(opts.filename);
      // Scripts and orchestration rules have their own documents (commands/orchestration-apply.ts).
      const kind = await orchestrationKindOf(text);
      if (kind === 'Script') return applyScript(ctx, text, source, Boolean(opts.dryRun));
      if (kind === 'OrchestrationRule') return applyRule(ctx, text, source, Boolean(opts.dryRun));
      if (await isPolicyDocument(text)) return applyPolicy(ctx, text, source, Boolean(opts.dryRun));
      return applyFarm(ctx, text, source, opts);
    });
}

async function applyFarm(ctx: Context, text: string, source: string, opts: ApplyOptions): Promise<void> {
  const io = ctx.io;
  const doc = await parseFarmDocument(text, source);
  const env = await ctx.environment();
  const listed = byName(
    await listAll(ctx.api.listFarms, { params: { environmentId: env.id } }),
    doc.spec.name,
  );
  const current: FoundFarm | undefined = listed ? await getFarm(ctx.api, env, listed.id) : undefined;
  const lookup = {
    role: once<Referable[]>(() => listRoles(ctx.api, env)),
    credentials: once<Referable[]>(() => listCredentials(ctx.api, env)),
  };
  let spec = await resolveFarmDocument(doc, lookup, source);
  if (current) spec = keepFarmRoleIds(spec, current.farm);

  const changes: Change[] = diffFarmSpec(current?.farm, spec);
  showChanges(io, env, current, spec, changes);

  const action: Action = current ? (changes.length ? 'updated' : 'unchanged') : 'created';
  let result: Farm | undefined = current?.farm;
  if (opts.dryRun) notice(io, 'Dry run: nothing was written.');
  else if (!current) {
    result = (await ctx.api.createFarm({ params: { environmentId: env.id }, body: spec })).body;
  } else if (changes.length) {
    const ifMatch = doc.version !== undefined ? doc.version : current.etag;
    try {
      result = (await ctx.api.updateFarm({ params: { farmId: current.farm.id }, body: spec, ifMatch })).body;
    } catch (error) {
      if (error instanceof ApiError && error.status === 412)
        throw staleUpdate(error, current.farm, opts.filename, doc.version);
      throw error;
    }
  }

  if (ctx.format === 'table') {
    const done = opts.dryRun
      ? `would be ${action === 'unchanged' ? 'left unchanged' : action} (dry run)`
      : action;
    io.stdout.write(
      `farm/${spec.name} ${done}${result && !opts.dryRun ? ` (version ${result.version})` : ''}\n`,
    );
  } else
    await printData(
      io,
      ctx.format,
      { action, dryRun: Boolean(opts.dryRun), changes, farm: result ?? null },
      () => '',
    );
}

/** What the apply changes, on stderr: a heading, then one line per field path. */
function showChanges(
  io: Io,
  env: Environment,
  current: FoundFarm | undefined,
  spec: FarmSpec,
  changes: Change[],
): void {
  const p = palette(colourEnabled(io.stderr, io.env));
  if (!current)
    notice(io, `Farm ${spec.name} does not exist in environment ${env.name}; it will be created:`);
  else if (changes.length)
    notice(io, `Farm ${current.farm.name} (${current.farm.id}) at version ${current.farm.version} changes:`);
  else
    notice(
      io,
      `Farm ${current.farm.name} (${current.farm.id}) at version ${current.farm.version}: no changes.`,
    );
  io.stderr.write(renderChanges(changes, p));
}
