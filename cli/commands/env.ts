// `drover env list` and `drover env use`: see the account's environments and pick the one
// later commands work in (kept in the config file; --env and DROVER_ENV override it).
import type { Command } from 'commander';
import type { Environment } from '../../functions/domain/schemas';
import { listAll } from '../api';
import { writeConfig } from '../config';
import { type Context, contextOf } from '../context';
import { CliError } from '../errors';
import { type Column, type Io, notice, printData, printList } from '../output';
import { findEnvironment } from '../resolve';

/** Shared with `drover get environments`. */
export async function listEnvironments(ctx: Context): Promise<void> {
  const items = await listAll(ctx.api.listEnvironments, {});
  const current = ctx.settings.environment;
  const isCurrent = (e: Environment) => e.id === current || e.name === current;
  const columns: Column<Environment>[] = [
    { header: 'current', value: (e) => (isCurrent(e) ? '*' : '') },
    { header: 'name', value: (e) => e.name },
    { header: 'id', value: (e) => e.id },
    { header: 'description', value: (e) => e.description },
  ];
  await printList(ctx.io, ctx.format, items, columns, 'The account has no environments.');
}

export function registerEnv(program: Command, io: Io): void {
  const env = program.command('env').description("List and choose the account's environments");
  env
    .command('list')
    .alias('ls')
    .description('List environments (the current one is marked)')
    .action((_opts: unknown, cmd: Command) => listEnvironments(contextOf(cmd, io)));
  env
    .command('use')
    .argument('<name|id>', 'the environment to work in from now on')
    .description('Choose the environment later commands work in')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const found = await findEnvironment(ctx.api, ref);
      if (!found)
        throw new CliError(`Environment "${ref}" not found.`, {
          hints: ['See the environments with `drover env list`.'],
        });
      writeConfig(ctx.configPath, { ...ctx.config, environment: { id: found.id, name: found.name } });
      notice(io, `Using environment ${found.name} (${found.id}).`);
      if (ctx.format !== 'table') await printData(io, ctx.format, found, () => '');
    });
}
