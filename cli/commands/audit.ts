// `drover audit`: the account's audit log, newest first, every page, with filters: environment,
// user, resource (`farm/NAME`, `farm/ID`, `role/NAME`, a bare id or a bare type), action and
// time (`--since 1h` or an ISO time). The table shows when, who, from where, what, on which
// resource and a short summary of the changed fields; `-o json|yaml` gives the whole entries.
import { type Command, InvalidArgumentError } from 'commander';
import { summarizeChanges } from '../../functions/domain/audit/changes';
import { ID_PREFIXES, type IdKind } from '../../functions/domain/ids';
import type { Role } from '../../functions/domain/schemas';
import type { AuditEntry } from '../../functions/domain/schemas/audit';
import { listAll } from '../api';
import { type Context, contextOf } from '../context';
import { parseDuration } from '../duration';
import { CliError, usageError } from '../errors';
import { type Column, type Io, printList } from '../output';
import { byName, getFarm, isIdOf, listRoles } from '../resolve';

const columns: Column<AuditEntry>[] = [
  { header: 'when', value: (e) => e.at.replace(/\.\d+Z$/, 'Z') },
  {
    header: 'who',
    value: (e) => (e.actor.via === 'api-token' ? `${e.actor.userId} (token)` : e.actor.userId),
  },
  { header: 'from', value: (e) => (e.source.ip ? `${e.source.client} ${e.source.ip}` : e.source.client) },
  {
    header: 'action',
    value: (e) => (e.outcome === 403 ? `${e.action} (refused)` : e.action),
    paint: (text, p) => (text.endsWith('(refused)') ? p.red(text) : text),
  },
  {
    header: 'resource',
    value: (e) => `${e.resource.type}/${e.resource.name ?? e.resource.id ?? '-'}`,
  },
  { header: 'changes', value: (e) => summarizeChanges(e.changes) },
];

/** `--since`: a duration back from now (90s, 10m, 1h) or a point in time (ISO 8601). */
export function parseSince(text: string, now = Date.now()): string {
  const days = /^(\d+)d$/.exec(text.trim());
  if (days) return new Date(now - Number(days[1]) * 86_400_000).toISOString();
  if (/^\d+(\.\d+)?(ms|s|m|h)?$/.test(text.trim())) return new Date(now - parseDuration(text)).toISOString();
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new InvalidArgumentError('expected a duration like 1h or 7d, or an ISO time');
  return new Date(at).toISOString();
}

const KINDS = Object.keys(ID_PREFIXES) as IdKind[];

/** `--resource`: the audit filter it stands for. */
async function resourceFilter(ctx: Context, ref: string): Promise<Record<string, string>> {
  const slash = ref.indexOf('/');
  if (slash < 0) {
    if (KINDS.includes(ref as IdKind)) return { resourceType: ref };
    if (KINDS.some((k) => isIdOf(k, ref))) return { resourceId: ref };
    throw usageError(`--resource ${ref}: expected TYPE/NAME, TYPE/ID, an id or a type.`, [
      `Types: ${KINDS.join(', ')}.`,
    ]);
  }
  const type = ref.slice(0, slash);
  const name = ref.slice(slash + 1);
  if (!KINDS.includes(type as IdKind))
    throw usageError(`--resource ${ref}: unknown type "${type}".`, [`Types: ${KINDS.join(', ')}.`]);
  if (isIdOf(type as IdKind, name)) return { resourceType: type, resourceId: name };
  if (type === 'farm') {
    const { farm } = await getFarm(ctx.api, await ctx.environment(), name);
    return { resourceType: type, resourceId: farm.id };
  }
  if (type === 'role') {
    const role = byName<Role>(await listRoles(ctx.api, await ctx.environment()), name);
    if (!role)
      throw new CliError(`Role "${name}" not found.`, { hints: ['See the roles with `drover get roles`.'] });
    return { resourceType: type, resourceId: role.id };
  }
  throw usageError(`--resource ${ref}: name a ${type} by its id (names are looked up for farm and role).`);
}

interface AuditFlags {
  user?: string;
  resource?: string;
  action?: string;
  since?: string;
  until?: string;
}

export function registerAudit(program: Command, io: Io): void {
  program
    .command('audit')
    .description('The audit log: who changed what, when and from where (newest first)')
    .option('--user <id>', 'only what this user did')
    .option('--resource <ref>', 'only this resource: farm/NAME, farm/ID, role/NAME, an id, or a type (farm)')
    .option('--action <operation>', 'only this action, e.g. updateFarm, launchFarm, createCredentials')
    .option('--since <when>', 'from this long ago (1h, 7d) or this time (ISO 8601)', (v) => parseSince(v))
    .option('--until <when>', 'up to this long ago or this time', (v) => parseSince(v))
    .addHelpText(
      'after',
      '\nThe whole account is shown unless --env (or DROVER_ENV) narrows it to one environment.',
    )
    .action(async (flags: AuditFlags, command: Command) => {
      const ctx = contextOf(command, io);
      const query: Record<string, string> = {};
      // A stored `drover env use` is a working default, not a filter: an audit looks account-wide.
      if (ctx.settings.environment && ctx.settings.sources.environment !== 'config')
        query.environmentId = (await ctx.environment()).id;
      if (flags.user) query.userId = flags.user;
      if (flags.action) query.action = flags.action;
      if (flags.since) query.from = flags.since;
      if (flags.until) query.to = flags.until;
      if (flags.resource) Object.assign(query, await resourceFilter(ctx, flags.resource));
      const items = await listAll(ctx.api.listAudit, { query });
      await printList(io, ctx.format, items, columns, 'No audit entries match.');
    });
}
