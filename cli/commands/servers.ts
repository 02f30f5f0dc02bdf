// `drover servers FARM [--watch]`: the servers of one farm, once or redrawn as they change.
// On a terminal the table is redrawn in place; without one (a pipe, a log) it is printed again
// only when something changed, and with `-o json` each change is one JSON line (NDJSON).
import type { Command } from 'commander';
import type { Server } from '../../functions/domain/schemas';
import type { ApiClient } from '../api';
import { contextOf } from '../context';
import { parseDuration } from '../duration';
import {
  type Column,
  colourEnabled,
  type Io,
  palette,
  printList,
  renderTable,
  statusColour,
} from '../output';
import { getFarm } from '../resolve';
import { sleep } from '../wait';

export const serverColumns: Column<Server>[] = [
  { header: 'name', value: (s) => `${s.farmRoleAlias}-${s.index}` },
  { header: 'status', value: (s) => s.status, paint: (text, p) => statusColour(p, text) },
  { header: 'zone', value: (s) => s.zone },
  { header: 'type', value: (s) => s.instanceType },
  { header: 'instance', value: (s) => s.instanceId ?? '-' },
  { header: 'private ip', value: (s) => s.privateIp ?? '-' },
  { header: 'public ip', value: (s) => s.publicIp ?? '-' },
  { header: 'id', value: (s) => s.id },
];

/**
 * One farm's servers, all at once (`{ items }`, no cursor). Terminated ones are history and
 * left out unless `all`; those on their way out (Pending Terminate) or Failed stay in view.
 */
export async function listServers(api: ApiClient, farmId: string, all = false): Promise<Server[]> {
  const items = (await api.listServers({ params: { farmId }, query: { status: 'all' } })).body.items;
  return all ? items : items.filter((s) => s.status !== 'Terminated');
}

interface WatchOptions {
  watch?: boolean;
  all?: boolean;
  interval: number;
  timeout?: number;
}

export function registerServers(program: Command, io: Io): void {
  program
    .command('servers')
    .argument('<farm>', 'farm name or id')
    .description("List a farm's servers; --watch keeps the list up to date")
    .option('-w, --watch', 'keep watching until Ctrl-C (or --timeout)')
    .option('--all', 'include Terminated servers')
    .option('--interval <duration>', 'how often to look again when watching', parseDuration, 2000)
    .option('--timeout <duration>', 'stop watching after this long', parseDuration)
    .action(async (ref: string, opts: WatchOptions, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const env = await ctx.environment();
      const { farm } = await getFarm(ctx.api, env, ref);
      if (!opts.watch) {
        const items = await listServers(ctx.api, farm.id, opts.all);
        return printList(io, ctx.format, items, serverColumns, `Farm ${farm.name} has no servers.`);
      }
      const tty = Boolean(io.stdout.isTTY) && ctx.format === 'table';
      const p = palette(colourEnabled(io.stdout, io.env));
      const stop = new AbortController();
      const onInterrupt = () => stop.abort();
      process.once('SIGINT', onInterrupt);
      const deadline = opts.timeout === undefined ? Number.POSITIVE_INFINITY : Date.now() + opts.timeout;
      let previous: string | undefined;
      try {
        while (!stop.signal.aborted) {
          const items = await listServers(ctx.api, farm.id, opts.all);
          const text =
            ctx.format === 'json'
              ? `${JSON.stringify(items)}\n`
              : ctx.format === 'yaml'
                ? `---\n${(await import('yaml')).stringify(items)}`
                : renderTable(serverColumns, items, p);
          if (tty) {
            // Home and clear, then redraw: the table stays in one place on the screen.
            io.stdout.write(
              `\x1b[H\x1b[2J${p.dim(`farm ${farm.name} · ${new Date().toLocaleTimeString()} · Ctrl-C to stop`)}\n\n${text}`,
            );
          } else if (text !== previous) {
            if (previous !== undefined && ctx.format === 'table') io.stdout.write('\n');
            io.stdout.write(text);
          }
          previous = text;
          const left = deadline - Date.now();
          if (left <= 0) break;
          await sleep(Math.min(opts.interval, left), stop.signal);
        }
      } finally {
        process.removeListener('SIGINT', onInterrupt);
      }
    });
}
