// `drover logs`: orchestration script executions. With filters (--farm, --server, --script) a
// table, newest first: when, script@version, event, server, status, exit code, duration and the
// last line of output; `--follow` keeps polling and prints each execution again when it changes
// (one JSON line per change with -o json). `drover logs EXECUTION_ID` prints that execution's
// whole output (stdout on stdout, stderr on stderr); with --follow it waits for the end,
// printing the output as it grows.
import type { Command } from 'commander';
import type { Environment } from '../../functions/domain/schemas';
import type { Execution } from '../../functions/domain/schemas/orchestration';
import { listAll } from '../api';
import { type Context, contextOf } from '../context';
import { formatDuration, parseDuration } from '../duration';
import { CliError, usageError } from '../errors';
import {
  type Column,
  colourEnabled,
  type Io,
  notice,
  palette,
  printData,
  printList,
  renderTable,
} from '../output';
import { byName, getFarm, isIdOf } from '../resolve';
import { sleep } from '../wait';

const OPEN = new Set(['queued', 'running']);

function lastLine(text: string, max = 60): string {
  const line =
    text
      .trimEnd()
      .split('\n')
      .pop()
      ?.replace(/\p{Cc}/gu, ' ') ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function statusPaint(text: string, p: ReturnType<typeof palette>): string {
  if (text === 'succeeded') return p.green(text);
  if (text === 'failed' || text === 'timed-out') return p.red(text);
  if (text === 'cancelled') return p.dim(text);
  return p.yellow(text);
}

export const executionColumns: Column<Execution>[] = [
  { header: 'when', value: (e) => e.createdAt.replace(/\.\d+Z$/, 'Z') },
  { header: 'script', value: (e) => `${e.scriptName}@${e.scriptVersion}` },
  { header: 'event', value: (e) => e.eventName },
  { header: 'server', value: (e) => e.serverId },
  { header: 'status', value: (e) => e.status, paint: statusPaint },
  { header: 'exit', value: (e) => (e.timedOut ? 'timeout' : e.exitCode === null ? '-' : String(e.exitCode)) },
  { header: 'duration', value: (e) => (e.durationMs === null ? '-' : formatDuration(e.durationMs)) },
  {
    header: 'output',
    value: (e) =>
      lastLine(
        e.status === 'failed' || e.status === 'timed-out'
          ? e.stderrTail || e.stdoutTail
          : e.stdoutTail || e.stderrTail,
      ) || '-',
  },
  { header: 'id', value: (e) => e.id },
];

interface LogsOptions {
  farm?: string;
  server?: string;
  script?: string;
  follow?: boolean;
  interval: number;
  limit: number;
}

/** One page of the newest executions the filters name, through their listing in the contract. */
type Listing = (limit: number) => Promise<Execution[]>;

/** The listing the filters name. */
async function listingOf(ctx: Context, opts: LogsOptions): Promise<{ list: Listing; what: string }> {
  const given = [opts.farm, opts.server, opts.script].filter(Boolean).length;
  if (given === 0)
    throw usageError(
      'Say whose executions: --farm NAME, --server ID or --script NAME (or give an execution id).',
      ['Example: drover logs --farm web --follow'],
    );
  if (opts.script && given > 1) throw usageError('--script lists a script on every farm: use it alone.');
  if (opts.script) {
    const scripts = await listAll(ctx.api.listScripts, {});
    const script = isIdOf('script', opts.script)
      ? scripts.find((s) => s.id === opts.script)
      : byName(scripts, opts.script);
    if (!script)
      throw new CliError(`Script "${opts.script}" not found.`, {
        hints: ['See the scripts with `drover get scripts`.'],
      });
    const params = { scriptId: script.id };
    return {
      list: async (limit) => (await ctx.api.listScriptExecutions({ params, query: { limit } })).body.items,
      what: `script ${script.name}`,
    };
  }
  const env = await ctx.environment();
  if (opts.server) {
    const farmId = opts.farm
      ? (await getFarm(ctx.api, env, opts.farm)).farm.id
      : await farmOfServer(ctx, env, opts.server);
    const params = { farmId, serverId: opts.server };
    return {
      list: async (limit) => (await ctx.api.listServerExecutions({ params, query: { limit } })).body.items,
      what: `server ${opts.server}`,
    };
  }
  const { farm } = await getFarm(ctx.api, env, opts.farm!);
  const params = { farmId: farm.id };
  return {
    list: async (limit) => (await ctx.api.listFarmExecutions({ params, query: { limit } })).body.items,
    what: `farm ${farm.name}`,
  };
}

/** Which farm of the environment a server belongs to (a server id alone does not say). */
async function farmOfServer(ctx: Context, env: Environment, serverId: string): Promise<string> {
  const farms = await listAll(ctx.api.listFarms, { params: { environmentId: env.id } });
  for (const farm of farms) {
    const servers = (await ctx.api.listServers({ params: { farmId: farm.id }, query: { status: 'all' } }))
      .body.items;
    if (servers.some((s) => s.id === serverId)) return farm.id;
  }
  throw new CliError(`Server ${serverId} not found in environment ${env.name}.`, {
    hints: ['Give its farm with --farm, or see the servers with `drover get servers`.'],
  });
}

function interrupted(): { signal: AbortSignal; release(): void } {
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  return {
    signal: stop.signal,
    release() {
      process.removeListener('SIGINT', onInterrupt);
      process.removeListener('SIGTERM', onInterrupt);
    },
  };
}

async function followListing(ctx: Context, list: Listing, opts: LogsOptions): Promise<void> {
  const p = palette(colourEnabled(ctx.io.stdout, ctx.io.env));
  const seen = new Map<string, number>();
  const stop = interrupted();
  let header = true;
  try {
    while (!stop.signal.aborted) {
      // Oldest first, so a burst of new runs prints in the order it happened.
      const changed = (await list(opts.limit)).filter((e) => seen.get(e.id) !== e.version).reverse();
      for (const e of changed) seen.set(e.id, e.version);
      if (changed.length > 0) {
        if (ctx.format === 'json') for (const e of changed) ctx.io.stdout.write(`${JSON.stringify(e)}\n`);
        else if (ctx.format === 'yaml')
          ctx.io.stdout.write(`---\n${(await import('yaml')).stringify(changed)}`);
        else {
          const table = renderTable(executionColumns, changed, p).split('\n');
          ctx.io.stdout.write(`${(header ? table : table.slice(1)).join('\n')}`);
          header = false;
        }
      }
      await sleep(opts.interval, stop.signal);
    }
  } finally {
    stop.release();
  }
}

async function printExecution(ctx: Context, id: string, opts: LogsOptions): Promise<void> {
  const read = async () => (await ctx.api.getExecution({ params: { executionId: id } })).body;
  let execution = await read();
  if (opts.follow && ctx.format === 'table') {
    const stop = interrupted();
    let out = '';
    let err = '';
    // Tails keep the last 64 KiB: print what was added; if the tail moved past what we printed, print it whole.
    const grow = (printed: string, now: string, write: (t: string) => void) => {
      if (now.startsWith(printed)) write(now.slice(printed.length));
      else write(now);
      return now;
    };
    try {
      while (true) {
        out = grow(out, execution.stdoutTail, (t) => ctx.io.stdout.write(t));
        err = grow(err, execution.stderrTail, (t) => ctx.io.stderr.write(t));
        if (!OPEN.has(execution.status) || stop.signal.aborted) break;
        await sleep(opts.interval, stop.signal);
        execution = await read();
      }
    } finally {
      stop.release();
    }
  } else if (ctx.format === 'table') {
    ctx.io.stdout.write(execution.stdoutTail);
    ctx.io.stderr.write(execution.stderrTail);
  } else return printData(ctx.io, ctx.format, execution, () => '');
  const exit = execution.timedOut
    ? 'timed out'
    : execution.exitCode === null
      ? 'no exit code'
      : `exit code ${execution.exitCode}`;
  const took = execution.durationMs === null ? '' : ` after ${formatDuration(execution.durationMs)}`;
  notice(
    ctx.io,
    `${execution.scriptName}@${execution.scriptVersion} on ${execution.serverId}: ${execution.status} (${exit}${took}).`,
  );
}

export function registerLogs(program: Command, io: Io): void {
  program
    .command('logs')
    .description('Orchestration script executions: per farm, server or script, or one with its output')
    .argument('[execution]', 'an execution id: print its whole output')
    .option('--farm <name|id>', "the farm's executions")
    .option('--server <id>', "one server's executions (with --farm, or looked up in the environment)")
    .option('--script <name|id>', "a script's executions on every farm")
    .option('-f, --follow', 'keep polling until Ctrl-C (an execution id: until it ends)')
    .option('--interval <duration>', 'how often to poll when following', parseDuration, 2000)
    .option(
      '--limit <n>',
      'how many of the newest executions to show',
      (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 200)
          throw usageError('--limit must be a whole number from 1 to 200.');
        return n;
      },
      50,
    )
    .addHelpText(
      'after',
      '\nExamples:\n  drover logs --farm web\n  drover logs --server srv-01j… --follow\n  drover logs --script bootstrap -o json\n  drover logs exe-01j…',
    )
    .action(async (id: string | undefined, opts: LogsOptions, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      if (id) {
        if (!isIdOf('execution', id)) throw usageError(`${id} is not an execution id (exe-…).`);
        return printExecution(ctx, id, opts);
      }
      const { list, what } = await listingOf(ctx, opts);
      if (opts.follow) return followListing(ctx, list, opts);
      const items = await list(opts.limit);
      return printList(ctx.io, ctx.format, items, executionColumns, `No executions for ${what} yet.`);
    });
}
