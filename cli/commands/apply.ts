// `drover apply -f FILE`: make what the file declares true. A Farm document goes to
// apply-farm.ts (diff, plan, confirmation, If-Match); Script and OrchestrationRule documents to
// orchestration-apply.ts; Policy documents to policies.ts.
import type { Command } from 'commander';
import { contextOf } from '../context';
import type { Io } from '../output';
import { readSource } from '../read-source';
import { type ApplyFarmOptions, applyFarm } from './apply-farm';
import { orchestrationKindOf } from './orchestration';
import { applyRule, applyScript } from './orchestration-apply';
import { applyPolicy, isPolicyDocument } from './policies';

type ApplyOptions = ApplyFarmOptions;

export function registerApply(program: Command, io: Io): void {
  program
    .command('apply')
    .description('Create or update a farm from a YAML or JSON file, showing what changes')
    .requiredOption('-f, --filename <file>', 'a Farm, Script or OrchestrationRule file, or - for stdin')
    .option('--dry-run', 'show what would change and write nothing')
    .option('-y, --yes', 'apply a farm without asking (asked only on a terminal)')
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

Add "version: N" to apply only while the farm is still at version N. A file printed by
\`drover get farm NAME -o yaml\` applies as it is: its metadata and status are ignored, but
metadata.version is the If-Match. Before a farm changes, the plan (\`drover plan -f\`) is shown;
on a terminal apply asks for "yes" (--yes skips; without a terminal it applies, as in CI).

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
