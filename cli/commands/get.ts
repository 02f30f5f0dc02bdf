// `drover get farms|roles|servers|credentials|environments`: every item (all pages) of a listing
// in the current environment, as an aligned table or as JSON/YAML for programs. `drover get farm
// NAME` is one farm: its row, or with -o yaml|json the file `drover apply -f` takes back
// (kind: Farm, the spec, and the server's fields under metadata and status: farm-export.ts).
import { Argument, type Command } from 'commander';
import { farmStatusLabel } from '../../functions/domain/farm-status-label';
import type { CloudCredentials, Farm, Role, Server } from '../../functions/domain/schemas';
import { endpointOf } from '../../functions/domain/schemas/credentials';
import { listAll } from '../api';
import { type Context, contextOf } from '../context';
import { usageError } from '../errors';
import { farmFileOf } from '../farm-export';
import { type Column, type Io, printData, printList, renderTable, statusColour } from '../output';
import { getFarm, listCredentials, listRoles } from '../resolve';
import { listEnvironments } from './env';
import { getFarmRoleScaling } from './farm-role-scaling';
import { listRules, listScripts } from './orchestration';
import { listPolicies, POLICY_KINDS } from './policies';
import { listServers, serverColumns } from './servers';

const KINDS: Record<
  string,
  'farms' | 'roles' | 'servers' | 'credentials' | 'environments' | 'scripts' | 'rules'
> = {
  scripts: 'scripts',
  script: 'scripts',
  rules: 'rules',
  rule: 'rules',
  farms: 'farms',
  farm: 'farms',
  roles: 'roles',
  role: 'roles',
  servers: 'servers',
  server: 'servers',
  credentials: 'credentials',
  creds: 'credentials',
  environments: 'environments',
  environment: 'environments',
  envs: 'environments',
  env: 'environments',
};

/** One farm role, by alias in a farm: only its scaling is shown (farm-role-scaling.ts). */
const FARM_ROLE = 'farm-role';

const farmColumns: Column<Farm>[] = [
  { header: 'name', value: (f) => f.name },
  // The portal's words: a farm that never ran reads "Never launched" (-o json keeps the API's status).
  { header: 'status', value: (f) => farmStatusLabel(f), paint: (text, p) => statusColour(p, text) },
  { header: 'roles', value: (f) => f.farmRoles.map((fr) => fr.alias).join(',') || '-' },
  {
    header: 'instances',
    value: (f) =>
      f.farmRoles.length
        ? `${sum(f.farmRoles.map((fr) => fr.minInstances))}..${sum(f.farmRoles.map((fr) => fr.maxInstances))}`
        : '0',
  },
  { header: 'version', value: (f) => String(f.version) },
  { header: 'id', value: (f) => f.id },
];

const roleColumns: Column<Role>[] = [
  { header: 'name', value: (r) => r.name },
  { header: 'os', value: (r) => r.osName || r.osFamily },
  { header: 'scope', value: (r) => (r.environmentId ? 'environment' : 'account') },
  {
    header: 'images',
    value: (r) => [...new Set(r.images.map((i) => `${i.platform}:${i.location}`))].join(','),
  },
  { header: 'id', value: (r) => r.id },
];

const credentialColumns: Column<CloudCredentials>[] = [
  { header: 'name', value: (c) => c.name },
  { header: 'platform', value: (c) => c.platform },
  {
    header: 'auth',
    value: (c) =>
      c.platform === 'gce'
        ? `serviceAccount ${c.clientEmail}`
        : c.platform === 'cloudstack'
          ? `apiKey ${c.apiKey}`
          : c.auth.type,
  },
  { header: 'endpoint', value: (c) => endpointOf(c) ?? '-' },
  { header: 'id', value: (c) => c.id },
];

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** One farm: a table row for a person, the applyable farm file for -o yaml|json. */
async function getOneFarm(ctx: Context, ref: string): Promise<void> {
  const { farm } = await getFarm(ctx.api, await ctx.environment(), ref);
  await printData(ctx.io, ctx.format, farmFileOf(farm), (p) => renderTable(farmColumns, [farm], p));
}

async function list(ctx: Context, kind: string, opts: { farm?: string; all?: boolean }): Promise<void> {
  if (POLICY_KINDS.includes(kind)) return listPolicies(ctx);
  const what = KINDS[kind]!;
  if (what === 'environments') return listEnvironments(ctx);
  if (what === 'scripts') return listScripts(ctx);
  if (what === 'rules') return listRules(ctx);
  const env = await ctx.environment();
  if (what === 'farms') {
    const items = await listAll(ctx.api.listFarms, { params: { environmentId: env.id } });
    return printList(ctx.io, ctx.format, items, farmColumns, `No farms in environment ${env.name}.`);
  }
  if (what === 'roles') {
    const items = await listRoles(ctx.api, env);
    return printList(ctx.io, ctx.format, items, roleColumns, `No roles usable in environment ${env.name}.`);
  }
  if (what === 'credentials') {
    const items = await listCredentials(ctx.api, env);
    return printList(
      ctx.io,
      ctx.format,
      items,
      credentialColumns,
      `No cloud credentials in environment ${env.name}.`,
    );
  }
  const farms = opts.farm
    ? [(await getFarm(ctx.api, env, opts.farm)).farm]
    : await listAll(ctx.api.listFarms, { params: { environmentId: env.id } });
  const items: (Server & { farmName: string })[] = [];
  for (const farm of farms)
    items.push(
      ...(await listServers(ctx.api, farm.id, opts.all)).map((s) => ({ ...s, farmName: farm.name })),
    );
  const columns: Column<Server & { farmName: string }>[] = [
    { header: 'farm', value: (s) => s.farmName },
    ...serverColumns,
  ];
  return printList(ctx.io, ctx.format, items, columns, `No servers in environment ${env.name}.`);
}

export function registerGet(program: Command, io: Io): void {
  program
    .command('get')
    .description('List farms, roles, servers, credentials, environments, scripts or orchestration rules')
    .addArgument(
      new Argument('<kind>', 'farms, roles, servers, credentials, environments, scripts or rules').choices([
        ...Object.keys(KINDS),
        ...POLICY_KINDS,
        FARM_ROLE,
      ]),
    )
    .argument('[name]', 'farm: one farm by name or id (-o yaml prints the file apply -f takes)')
    .option('--farm <name|id>', 'servers: only those of this farm')
    .option('--all', 'servers: include Terminated ones')
    .option('--scaling', 'farm-role NAME --farm FARM: its current scaling decision and why')
    .addHelpText(
      'after',
      '\nExamples:\n  drover get farms\n  drover get servers --farm web -o json\n  drover get farm web -o yaml > web.yaml\n  drover get farm-role web --farm demo-web --scaling',
    )
    .action(
      (
        kind: string,
        name: string | undefined,
        opts: { farm?: string; all?: boolean; scaling?: boolean },
        cmd: Command,
      ) => {
        const ctx = contextOf(cmd, io);
        if (kind === FARM_ROLE) {
          if (name === undefined || !opts.scaling)
            throw usageError('`drover get farm-role` takes a name, --farm and --scaling.', [
              'drover get farm-role web --farm demo-web --scaling',
            ]);
          return getFarmRoleScaling(ctx, name, opts.farm);
        }
        if (name === undefined) return list(ctx, kind, opts);
        if (KINDS[kind] !== 'farms')
          throw usageError(`\`drover get ${kind}\` takes no name; only \`get farm NAME\` does.`);
        return getOneFarm(ctx, name);
      },
    );
}
