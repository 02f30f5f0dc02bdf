// `drover apply -f` for a Farm document: the farm is created when the environment has none of
// that name (or the file's metadata.id names none), else its spec replaced with If-Match on the
// version the plan was made against (or the file's own `version` / `metadata.version`), so a
// change made in between gets 412, never a silent overwrite. Before writing it prints what
// changes (field paths, old → new) and the plan (what the reconciler will do) on stderr; on a
// terminal it then asks for "yes" (--yes skips). Without a terminal it applies as before, like
// `kubectl apply` in CI; --dry-run stops after the plan.
import type { FarmPlanView } from '../../functions/contract/farm-plan';
import type { Environment, Farm, FarmSpec } from '../../functions/domain/schemas';
import type { Context } from '../context';
import { type Change, diffFarmSpec, renderChanges } from '../diff';
import { ApiError, CliError } from '../errors';
import { type LoadedFarm, loadFarmFile, planOf } from '../farm-source';
import { colourEnabled, type Io, notice, palette, printData } from '../output';
import { renderPlan } from '../plan-output';
import { ask, canPrompt } from '../prompt';
import type { FoundFarm } from '../resolve';

type Action = 'created' | 'updated' | 'unchanged';

export interface ApplyFarmOptions {
  filename: string;
  dryRun?: boolean;
  yes?: boolean;
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
              `${file} asks for version ${fileVersion} (its "version:" or "metadata.version" field).`,
              'Look at the farm (`drover get farm NAME -o yaml`), then update or remove that field and apply again.',
            ]
          : [`Re-run \`drover apply -f ${file}\` to see the changes against the current version.`],
    },
  );
}

export async function applyFarm(
  ctx: Context,
  text: string,
  source: string,
  opts: ApplyFarmOptions,
): Promise<void> {
  const loaded = await loadFarmFile(ctx, text, source);
  const { current, spec } = loaded;
  const changes: Change[] = diffFarmSpec(current?.farm, spec);
  showChanges(ctx.io, loaded.env, current, spec, changes);
  const action: Action = current ? (changes.length ? 'updated' : 'unchanged') : 'created';
  const plan = action === 'unchanged' ? undefined : await planOf(ctx, loaded);
  if (plan)
    ctx.io.stderr.write(renderPlan(plan, spec.name, palette(colourEnabled(ctx.io.stderr, ctx.io.env))));

  let result: Farm | undefined = current?.farm;
  if (opts.dryRun) notice(ctx.io, 'Dry run: nothing was written.');
  else if (action !== 'unchanged') {
    await confirm(opts, spec.name, plan!);
    result = await write(ctx, loaded, plan!, opts.filename);
  }

  if (ctx.format === 'table') {
    const done = opts.dryRun
      ? `would be ${action === 'unchanged' ? 'left unchanged' : action} (dry run)`
      : action;
    ctx.io.stdout.write(
      `farm/${spec.name} ${done}${result && !opts.dryRun ? ` (version ${result.version})` : ''}\n`,
    );
  } else
    await printData(
      ctx.io,
      ctx.format,
      { action, dryRun: Boolean(opts.dryRun), changes, plan: plan ?? null, farm: result ?? null },
      () => '',
    );
}

/** On a terminal, the person says yes to the plan; elsewhere (CI, a pipe, -f -) --yes is implied. */
async function confirm(opts: ApplyFarmOptions, name: string, plan: FarmPlanView): Promise<void> {
  if (opts.yes || opts.filename === '-' || !canPrompt() || plan.summary.blocked) return;
  const answer = await ask(`Apply these changes to farm ${name}? Only "yes" goes on: `);
  if (answer !== 'yes') throw new CliError('Apply cancelled: nothing was written.');
}

async function write(ctx: Context, loaded: LoadedFarm, plan: FarmPlanView, file: string): Promise<Farm> {
  const { current, env, spec, doc } = loaded;
  if (!current) return (await ctx.api.createFarm({ params: { environmentId: env.id }, body: spec })).body;
  // The version the plan was made against: what was reviewed is what is written, or 412.
  const ifMatch = doc.version ?? plan.farmVersion ?? current.etag;
  try {
    return (await ctx.api.updateFarm({ params: { farmId: current.farm.id }, body: spec, ifMatch })).body;
  } catch (error) {
    if (error instanceof ApiError && error.status === 412)
      throw staleUpdate(error, current.farm, file, doc.version);
    throw error;
  }
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
