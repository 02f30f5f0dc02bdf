// `drover plan -f farm.yaml`: what applying the file would make the reconciler do, without
// writing anything — the summary line ("2 to launch, 2 to replace, 1 to terminate."), then per
// farm role the field changes, launches, replacements with their reason, terminations, and what
// would block it (policies, required variables). `-o json|yaml` prints the API's plan as it is.
import type { Command } from 'commander';
import { contextOf } from '../context';
import { loadFarmFile, planOf } from '../farm-source';
import { type Io, printData } from '../output';
import { renderPlan } from '../plan-output';
import { readSource } from '../read-source';

export function registerPlan(program: Command, io: Io): void {
  program
    .command('plan')
    .description(
      'Show what applying a farm file would do (launches, replacements, terminations); writes nothing',
    )
    .requiredOption('-f, --filename <file>', 'a Farm file (as `drover apply -f` takes it), or - for stdin')
    .addHelpText(
      'after',
      '\nExamples:\n  drover get farm web -o yaml > web.yaml   # edit it, then\n  drover plan -f web.yaml\n  drover apply -f web.yaml',
    )
    .action(async (opts: { filename: string }, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const source = opts.filename === '-' ? 'stdin' : opts.filename;
      const loaded = await loadFarmFile(ctx, await readSource(opts.filename), source);
      const plan = await planOf(ctx, loaded);
      await printData(io, ctx.format, plan, (p) => renderPlan(plan, loaded.spec.name, p));
    });
}
