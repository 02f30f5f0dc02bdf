// `drover tokens create|list|revoke`: the caller's API tokens for scripts and CI. The secret is
// printed once, on stdout (the only data of `create` in a table), with a notice on stderr;
// `drover whoami`: who the token in use is, their account role and what they may do where.
import { type Command, InvalidArgumentError } from 'commander';
import type { ApiToken, ApiTokenInput } from '../../functions/domain/access/api-token';
import { contextOf } from '../context';
import { type Column, type Io, notice, printData, printList, renderTable } from '../output';

const tokenColumns: Column<ApiToken>[] = [
  { header: 'name', value: (t) => t.name },
  { header: 'permissions', value: (t) => (t.permissions ? t.permissions.join(' ') : '(as the user)') },
  { header: 'expires', value: (t) => t.expiresAt.replace(/\.\d+Z$/, 'Z') },
  { header: 'last used', value: (t) => t.lastUsedAt?.replace(/\.\d+Z$/, 'Z') ?? 'never' },
  {
    header: 'state',
    value: (t) => (t.revokedAt ? 'revoked' : Date.parse(t.expiresAt) <= Date.now() ? 'expired' : 'active'),
    paint: (text, p) => (text === 'active' ? p.green(text) : p.red(text)),
  },
  { header: 'id', value: (t) => t.id },
];

function parseDays(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('expected a whole number of days');
  return Number(value);
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function registerTokens(program: Command, io: Io): void {
  const tokens = program
    .command('tokens')
    .description('Your API tokens for scripts and CI (create, list, revoke)');
  registerCreate(tokens, io);
  registerList(tokens, io);
  registerRevoke(tokens, io);
  registerWhoami(program, io);
}

function registerCreate(tokens: Command, io: Io): void {
  tokens
    .command('create')
    .description('Create an API token; its secret is printed once, on stdout')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--expires-in-days <days>', 'days until it expires (at most 366)', parseDays, 90)
    .option(
      '--permission <permission>',
      'narrow it to this permission (repeat for more), e.g. farms:view',
      collect,
    )
    .action(async (opts: { name: string; expiresInDays: number; permission?: string[] }, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const created = (
        await ctx.api.createApiToken({
          body: {
            name: opts.name,
            expiresInDays: opts.expiresInDays,
            // The client checks each name against the schema before sending (a wrong one: 400 with its path).
            ...(opts.permission ? { permissions: opts.permission as ApiTokenInput['permissions'] } : {}),
          },
        })
      ).body;
      // A table would wrap the secret in decoration a script has to strip: print it bare.
      if (ctx.format === 'table') io.stdout.write(`${created.secret}\n`);
      else await printData(io, ctx.format, created, () => '');
      notice(
        io,
        `Token ${created.name} (${created.id}) created. Store the secret now: Drover does not show it again.`,
      );
    });
}

function registerList(tokens: Command, io: Io): void {
  tokens
    .command('list', { isDefault: true })
    .description('List your API tokens (never their secrets)')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const items = (await ctx.api.listApiTokens()).body.items;
      await printList(io, ctx.format, items, tokenColumns, 'You have no API tokens.');
    });
}

function registerRevoke(tokens: Command, io: Io): void {
  tokens
    .command('revoke <id>')
    .description('Revoke one of your API tokens: it stops working at once')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      await ctx.api.revokeApiToken({ params: { tokenId: id } });
      notice(io, `Token ${id} revoked.`);
    });
}

function registerWhoami(program: Command, io: Io): void {
  program
    .command('whoami')
    .description('Who you are signed in as, your account role, and what you may do in each environment')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const me = (await ctx.api.getMe()).body;
      await printData(io, ctx.format, me, (p) => {
        const head = [
          `${me.user.name} <${me.user.email}> (${me.user.id})`,
          `account role: ${me.accountRole}`,
          me.apiToken
            ? `via API token ${me.apiToken.id}${me.apiToken.permissions ? ` limited to ${me.apiToken.permissions.join(' ')}` : ''}`
            : `via ${me.via}`,
          '',
        ].join('\n');
        const rows = me.environments.map((e) => ({
          environment: e.name,
          permissions: Object.entries(e.permissions)
            .map(([perm, scope]) => (scope === 'all' ? perm : `${perm}(${scope})`))
            .join(' '),
        }));
        return `${head}\n${
          rows.length
            ? renderTable(
                [
                  { header: 'environment', value: (r: (typeof rows)[number]) => r.environment },
                  { header: 'permissions', value: (r) => r.permissions },
                ],
                rows,
                p,
              )
            : 'No environment: none of your teams is granted one.\n'
        }`;
      });
    });
}
