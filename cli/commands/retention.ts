// `drover retention get|set`: how many days the account keeps each kind of record (README "Data
// retention"). `get` prints every kind with its bounds and default (`-o json`: the API's
// document); `set` changes the kinds named by flags, checked with the API's own schema first (a
// value out of bounds is a usage error naming the flag), as a read-modify-write with If-Match,
// once more after a 412.
import { type Command, InvalidArgumentError } from 'commander';
import {
  RETENTION_KINDS,
  RETENTION_LIMITS,
  RetentionInput,
  type RetentionKind,
  type RetentionSettings,
} from '../../functions/domain/schemas/retention';
import { type Context, contextOf } from '../context';
import { ApiError, usageError } from '../errors';
import { type Column, type Io, notice, printData, renderTable } from '../output';

/** `auditDays` → `--audit-days`. */
const flagOf = (kind: RetentionKind) => `--${kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

interface Row {
  kind: RetentionKind;
  days: number;
}

const columns: Column<Row>[] = [
  { header: 'kind', value: (r) => RETENTION_LIMITS[r.kind].label },
  { header: 'days', value: (r) => String(r.days) },
  { header: 'bounds', value: (r) => `${RETENTION_LIMITS[r.kind].min}-${RETENTION_LIMITS[r.kind].max}` },
  { header: 'default', value: (r) => String(RETENTION_LIMITS[r.kind].default) },
  { header: 'flag', value: (r) => flagOf(r.kind) },
];

function parseDays(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of days');
  return Number(value);
}

function print(ctx: Context, settings: RetentionSettings) {
  const rows = RETENTION_KINDS.map((kind) => ({ kind, days: settings[kind] }));
  return printData(ctx.io, ctx.format, settings, (p) => renderTable(columns, rows, p));
}

export function registerRetention(program: Command, io: Io): void {
  const retention = program
    .command('retention')
    .description(
      'How many days the account keeps audit entries, events, executions, deliveries and summaries',
    );

  retention
    .command('get', { isDefault: true })
    .description('Print the days kept per kind, with their bounds and defaults')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      await print(ctx, (await ctx.api.getRetention()).body);
    });

  const set = retention
    .command('set')
    .description(
      'Change the days kept for the kinds named (owner and admins); applies to records written afterwards',
    );
  for (const kind of RETENTION_KINDS) {
    const { label, min, max } = RETENTION_LIMITS[kind];
    set.option(`${flagOf(kind)} <days>`, `${label} (${min}-${max})`, parseDays);
  }
  set.action(async (opts: Partial<Record<RetentionKind, number>>, cmd: Command) => {
    const ctx = contextOf(cmd, io);
    const changes = Object.fromEntries(
      RETENTION_KINDS.filter((k) => opts[k] !== undefined).map((k) => [k, opts[k]]),
    );
    if (Object.keys(changes).length === 0)
      throw usageError('Name at least one kind to change.', [
        `Flags: ${RETENTION_KINDS.map(flagOf).join(', ')}.`,
      ]);
    for (let attempt = 1; ; attempt++) {
      const read = await ctx.api.getRetention();
      const parsed = RetentionInput.safeParse({
        ...Object.fromEntries(RETENTION_KINDS.map((k) => [k, read.body[k]])),
        ...changes,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw usageError(`${flagOf(issue.path[0] as RetentionKind)} ${issue.message}.`);
      }
      try {
        const written = await ctx.api.putRetention({
          body: parsed.data,
          ifMatch: read.etag ?? read.body.version,
        });
        await print(ctx, written.body);
        notice(io, 'Saved: records written from now on are kept this long; earlier ones keep their dates.');
        return;
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 412 && attempt === 1)) throw error;
        notice(io, 'The retention settings changed meanwhile; applying the change again.');
      }
    }
  });
}
