// `drover delete farm NAME|ID`: delete a Terminated farm, with If-Match on the version just
// read so a farm someone launched in between is not deleted from under them.
import { Argument, type Command } from 'commander';
import { contextOf } from '../context';
import { ApiError, CliError } from '../errors';
import { type Io, notice, printData } from '../output';
import { getFarm } from '../resolve';
import { deletePolicy } from './policies';

export function registerDelete(program: Command, io: Io): void {
  program
    .command('delete')
    .description('Delete a farm (it must be Terminated) or a Governance policy')
    .addArgument(new Argument('<kind>', 'what to delete').choices(['farm', 'policy']))
    .argument('<name|id>', 'farm or policy name or id')
    .action(async (kind: string, ref: string, _opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      if (kind === 'policy') return deletePolicy(ctx, ref);
      const env = await ctx.environment();
      const { farm, etag } = await getFarm(ctx.api, env, ref);
      try {
        await ctx.api.deleteFarm({ params: { farmId: farm.id }, ifMatch: etag });
      } catch (error) {
        if (error instanceof ApiError && error.status === 412)
          throw new CliError(`Farm ${farm.name} changed while it was being deleted; nothing was deleted.`, {
            problem: error.problem,
            hints: ['Look at it with `drover describe farm` and try again.'],
          });
        if (error instanceof ApiError && error.status === 409)
          throw new CliError(error.message, {
            problem: error.problem,
            hints: [`Terminate it first: \`drover terminate farm ${farm.name} --wait\`.`],
          });
        throw error;
      }
      notice(io, `Deleted farm ${farm.name} (${farm.id}).`);
      if (ctx.format !== 'table')
        await printData(io, ctx.format, { deleted: farm.id, name: farm.name }, () => '');
    });
}
