// Governance policies in the CLI: `drover get policies`, `drover describe policy NAME`,
// `drover apply -f policy.yaml` (a `kind: Policy` document: created when the environment has no
// policy of that name, else replaced with If-Match on the version just read, or the file's own
// `version`), and `drover delete policy NAME`. The file is checked with the API's PolicyInput
// schema first, so a bad file fails with the API's field paths.
import { diffDocuments } from '../../functions/domain/document-diff';
import { type Policy, PolicyInput, type PolicyRule } from '../../functions/domain/schemas/policy';
import { listAll } from '../api';
import type { Context } from '../context';
import { renderChanges } from '../diff';
import { ApiError, CliError, invalidInput } from '../errors';
import { zodIssues } from '../farm-document';
import { type Column, colourEnabled, notice, palette, printData, printList } from '../output';
import { byName, isIdOf } from '../resolve';

export const POLICY_KINDS = ['policies', 'policy'];

const columns: Column<Policy>[] = [
  { header: 'name', value: (p) => p.name },
  { header: 'rule', value: (p) => p.rule.kind },
  { header: 'platform', value: (p) => p.platform ?? 'all' },
  { header: 'enabled', value: (p) => (p.enabled ? 'yes' : 'no') },
  { header: 'summary', value: (p) => ruleSummary(p.rule) },
  { header: 'version', value: (p) => String(p.version) },
  { header: 'id', value: (p) => p.id },
];

/** A rule in one line, for the table and describe. */
export function ruleSummary(rule: PolicyRule): string {
  switch (rule.kind) {
    case 'allowed-locations':
      return `regions ${rule.regions.join(',')}${rule.zones.length ? `; zones ${rule.zones.join(',')}` : ''}`;
    case 'allowed-instance-types':
      return rule.instanceTypes.join(',');
    case 'allowed-roles':
      return rule.roleIds.join(',');
    case 'allowed-images':
      return rule.imageIds.join(',');
    case 'enforced-network':
      return [
        rule.vpcId && `vpc ${rule.vpcId}`,
        rule.subnetIds.length && `subnets ${rule.subnetIds.join(',')}`,
        rule.network && `network ${rule.network}`,
        rule.subnetworks.length && `subnetworks ${rule.subnetworks.join(',')}`,
        rule.noPublicIp && 'no public IP',
      ]
        .filter(Boolean)
        .join('; ');
    case 'enforced-security-groups':
      return rule.securityGroupIds.join(',');
    case 'allowed-security-groups':
      return rule.securityGroups.join(',');
    case 'network-tags':
      return rule.networkTags.join(',');
    case 'required-tags':
      return rule.tags.map((t) => `${t.key}=~${t.pattern}`).join(', ');
    case 'auto-tags':
      return Object.entries(rule.tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
    case 'max-instances':
      return [
        rule.perFarmRole !== undefined && `${rule.perFarmRole} per farm role`,
        rule.perFarm !== undefined && `${rule.perFarm} per farm`,
      ]
        .filter(Boolean)
        .join(', ');
    case 'instance-identity':
      return [rule.iamInstanceProfile && `profile ${rule.iamInstanceProfile}`, rule.serviceAccount]
        .filter(Boolean)
        .join(', ');
    case 'farm-lease':
      return `${rule.maxLifetimeHours} h, warn ${rule.warnBeforeHours} h before`;
    case 'naming':
      return rule.farmNamePattern;
  }
}

export async function listPolicies(ctx: Context): Promise<void> {
  const env = await ctx.environment();
  const items = await listAll(ctx.api.listPolicies, { params: { environmentId: env.id } });
  return printList(ctx.io, ctx.format, items, columns, `No policies in environment ${env.name}.`);
}

async function findPolicy(ctx: Context, ref: string): Promise<{ policy: Policy; etag: string } | undefined> {
  const env = await ctx.environment();
  let id = ref;
  if (!isIdOf('policy', ref)) {
    const found = byName(await listAll(ctx.api.listPolicies, { params: { environmentId: env.id } }), ref);
    if (!found) return undefined;
    id = found.id;
  }
  const read = await ctx.api.getPolicy({ params: { environmentId: env.id, policyId: id } });
  return { policy: read.body, etag: read.etag ?? `"${read.body.version}"` };
}

async function getPolicy(ctx: Context, ref: string) {
  const found = await findPolicy(ctx, ref);
  if (found) return found;
  const env = await ctx.environment();
  throw new CliError(`Policy "${ref}" not found in environment ${env.name}.`, {
    hints: ['See the policies with `drover get policies`.'],
    problem: {
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      code: 'NotFound',
      detail: `Policy "${ref}" not found`,
    },
  });
}

export async function describePolicy(ctx: Context, ref: string): Promise<void> {
  const { policy } = await getPolicy(ctx, ref);
  const env = await ctx.environment();
  return printData(ctx.io, ctx.format, policy, (p) => {
    const fields: [string, string][] = [
      ['Name', policy.name],
      ['ID', policy.id],
      ['Environment', `${env.name} (${policy.environmentId})`],
      ['Platform', policy.platform ?? 'all'],
      ['Enabled', policy.enabled ? 'yes' : 'no'],
      ['Rule', policy.rule.kind],
      ['Summary', ruleSummary(policy.rule) || '-'],
      ['Description', policy.description || '-'],
      ['Version', `${policy.version} (updated ${policy.updatedAt})`],
    ];
    const width = Math.max(...fields.map(([k]) => k.length)) + 2;
    return fields.map(([k, v]) => `${p.bold(`${k}:`.padEnd(width))}${v}\n`).join('');
  });
}

/** Whether a file holds a `kind: Policy` document (anything unreadable is left to the farm parser). */
export async function isPolicyDocument(text: string): Promise<boolean> {
  const { parse } = await import('yaml');
  try {
    return (parse(text) as { kind?: unknown } | null)?.kind === 'Policy';
  } catch {
    return false;
  }
}

/** The writable part of a stored policy, as a file declares it. */
function inputOf(policy: Policy): PolicyInput {
  const { name, description, platform, enabled, rule } = policy;
  return { name, description, platform, enabled, rule };
}

export async function applyPolicy(
  ctx: Context,
  text: string,
  source: string,
  dryRun: boolean,
): Promise<void> {
  const { parse } = await import('yaml');
  const { kind: _kind, version, ...fields } = parse(text) as Record<string, unknown>;
  const parsed = PolicyInput.safeParse(fields);
  if (!parsed.success) throw invalidInput(`${source} is not a valid policy`, zodIssues(parsed.error));
  const input = parsed.data;
  if (version !== undefined && !Number.isInteger(version))
    throw invalidInput(`${source}: version must be a whole number`, [
      { in: 'file', path: 'version', message: 'must be a whole number' },
    ]);
  const env = await ctx.environment();
  const current = await findPolicy(ctx, input.name);
  const changes = current
    ? diffDocuments(inputOf(current.policy), input)
    : diffDocuments({}, input).map((c) => ({ ...c, kind: 'added' as const }));
  const p = palette(colourEnabled(ctx.io.stderr, ctx.io.env));
  if (!current)
    notice(ctx.io, `Policy ${input.name} does not exist in environment ${env.name}; it will be created:`);
  else
    notice(
      ctx.io,
      `Policy ${current.policy.name} (${current.policy.id}) at version ${current.policy.version}: ${changes.length ? 'changes:' : 'no changes.'}`,
    );
  ctx.io.stderr.write(renderChanges(changes, p));

  const action = current ? (changes.length ? 'updated' : 'unchanged') : 'created';
  let result: Policy | undefined = current?.policy;
  if (dryRun) notice(ctx.io, 'Dry run: nothing was written.');
  else if (!current) {
    result = (await ctx.api.createPolicy({ params: { environmentId: env.id }, body: input })).body;
  } else if (changes.length) {
    const ifMatch = version !== undefined ? `"${version}"` : current.etag;
    try {
      const params = { environmentId: env.id, policyId: current.policy.id };
      result = (await ctx.api.updatePolicy({ params, body: input, ifMatch })).body;
    } catch (error) {
      if (error instanceof ApiError && error.status === 412)
        throw new CliError(
          `Policy ${current.policy.name} was changed by someone else since version ${version ?? current.policy.version}. Nothing was written.`,
          {
            problem: error.problem,
            hints: [`Re-run \`drover apply -f ${source}\` to see the changes against the current version.`],
          },
        );
      throw error;
    }
  }
  if (ctx.format === 'table') {
    const done = dryRun ? `would be ${action === 'unchanged' ? 'left unchanged' : action} (dry run)` : action;
    ctx.io.stdout.write(
      `policy/${input.name} ${done}${result && !dryRun ? ` (version ${result.version})` : ''}\n`,
    );
  } else await printData(ctx.io, ctx.format, { action, dryRun, changes, policy: result ?? null }, () => '');
}

export async function deletePolicy(ctx: Context, ref: string): Promise<void> {
  const { policy, etag } = await getPolicy(ctx, ref);
  try {
    const params = { environmentId: policy.environmentId, policyId: policy.id };
    await ctx.api.deletePolicy({ params, ifMatch: etag });
  } catch (error) {
    if (error instanceof ApiError && error.status === 412)
      throw new CliError(`Policy ${policy.name} changed while it was being deleted; nothing was deleted.`, {
        problem: error.problem,
        hints: ['Look at it with `drover describe policy` and try again.'],
      });
    throw error;
  }
  notice(ctx.io, `Deleted policy ${policy.name} (${policy.id}).`);
  if (ctx.format !== 'table')
    await printData(ctx.io, ctx.format, { deleted: policy.id, name: policy.name }, () => '');
}
