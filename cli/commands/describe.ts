// `drover describe farm NAME|ID`: a farm's spec and its live status (from /status) together:
// for a person, the farm, then one row per farm role with desired against running; for
// programs (`-o json|yaml`), `{ farm, status }` as the API gave them.
import { Argument, type Command } from 'commander';
import { farmStatusLabel } from '../../functions/domain/farm-status-label';
import type { Farm, FarmStatusView } from '../../functions/domain/schemas';
import { contextOf } from '../context';
import { type Column, type Io, type Palette, printData, renderTable, statusColour } from '../output';
import { byId, getFarm, listCredentials, listRoles } from '../resolve';
import { describePolicy } from './policies';

type Row = Farm['farmRoles'][number] & {
  roleName: string;
  credentialsName: string;
  counts?: FarmStatusView['farmRoles'][number];
};

const columns: Column<Row>[] = [
  { header: 'alias', value: (r) => r.alias },
  { header: 'platform', value: (r) => r.platform },
  { header: 'role', value: (r) => r.roleName },
  { header: 'credentials', value: (r) => r.credentialsName },
  { header: 'region', value: (r) => r.region },
  { header: 'zones', value: (r) => r.zones.join(',') },
  { header: 'type', value: (r) => r.instanceType },
  { header: 'min', value: (r) => String(r.minInstances) },
  { header: 'max', value: (r) => String(r.maxInstances) },
  { header: 'desired', value: (r) => String(r.counts?.desired ?? '-') },
  { header: 'running', value: (r) => String(r.counts?.running ?? '-') },
  { header: 'launching', value: (r) => String(r.counts?.launching ?? '-') },
  { header: 'failed', value: (r) => String(r.counts?.failed ?? '-') },
];

function render(farm: Farm, status: FarmStatusView, envName: string, rows: Row[], p: Palette): string {
  const fields: [string, string][] = [
    ['Name', farm.name],
    ['ID', farm.id],
    ['Environment', `${envName} (${farm.environmentId})`],
    [
      'Status',
      `${statusColour(p, farmStatusLabel(farm, status.status))}, ${statusColour(p, status.convergence)}`,
    ],
    ['Description', farm.description || '-'],
    ['Lease', farm.leaseExpiresAt ?? 'none'],
    ['Launched', farm.launchedAt ?? 'never'],
    ['Last reconcile', status.lastReconcileAt ?? 'never'],
    ['Version', `${farm.version} (updated ${farm.updatedAt})`],
  ];
  const width = Math.max(...fields.map(([k]) => k.length)) + 2;
  let text = fields.map(([k, v]) => `${p.bold(`${k}:`.padEnd(width))}${v}\n`).join('');
  if (status.reasons.length)
    text += `${p.bold('Reasons:')}\n${status.reasons.map((r) => `  - ${r}\n`).join('')}`;
  text += `\n${p.bold('Farm roles:')}\n`;
  text += rows.length ? renderTable(columns, rows, p) : '  (none)\n';
  return text;
}

export function registerDescribe(program: Command, io: Io): void {
  program
    .command('describe')
    .description("Show a farm's spec and live status, or a Governance policy")
    .addArgument(new Argument('<kind>', 'what to describe').choices(['farm', 'policy']))
    .argument('<name|id>', 'farm or policy name or id')
    .action(async (kind: string, ref: string, _opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      if (kind === 'policy') return describePolicy(ctx, ref);
      const env = await ctx.environment();
      const { farm } = await getFarm(ctx.api, env, ref);
      const status = (await ctx.api.getFarmStatus({ params: { farmId: farm.id } })).body;
      if (ctx.format !== 'table') return printData(io, ctx.format, { farm, status }, () => '');
      // Names read better than ids; a missing one (deleted since) falls back to the id.
      const [roles, credentials] = farm.farmRoles.length
        ? await Promise.all([listRoles(ctx.api, env), listCredentials(ctx.api, env)])
        : [[], []];
      const rows: Row[] = farm.farmRoles.map((fr) => ({
        ...fr,
        roleName: byId(roles, fr.roleId)?.name ?? fr.roleId,
        credentialsName: byId(credentials, fr.credentialsId)?.name ?? fr.credentialsId,
        counts: status.farmRoles.find((c) => c.farmRoleId === fr.id),
      }));
      return printData(io, ctx.format, { farm, status }, (p) => render(farm, status, env.name, rows, p));
    });
}
