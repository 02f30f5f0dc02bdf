// `drover fire EVENT --farm NAME`: a custom event on a farm, which the orchestration rules and
// webhooks that name it follow.
import type { Command } from 'commander';
import { contextOf } from '../context';
import { usageError } from '../errors';
import { type Io, printData } from '../output';
import { getFarm } from '../resolve';

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
      // Not checked here: the client checks the body with the API's schema before sending.
      let payload: Record<string, unknown> = {};
      if (opts.payload !== undefined) {
        try {
          payload = JSON.parse(opts.payload);
        } catch {
          throw usageError('--payload must be a JSON object, e.g. \'{"version":"1.2"}\'.');
        }
      }
      const { farm } = await getFarm(ctx.api, await ctx.environment(), opts.farm);
      const body = { name: event, payload, ...(opts.server ? { serverId: opts.server } : {}) };
      const fired = (await ctx.api.fireFarmEvent({ params: { farmId: farm.id }, body })).body;
      await printData(
        io,
        ctx.format,
        fired,
        () => `event/${fired.name} fired on farm ${farm.name} (${fired.id})\n`,
      );
    });
}
