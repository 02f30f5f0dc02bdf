// The checks a policy makes on one farm role's placement, shared by the save-time evaluation
// (the farm spec) and the launch-time enforcement (one server's launch spec). A placement
// carries each value with the farm spec path a person would edit to fix it.
import type { Platform } from '../schemas/common';
import type { Policy, Violation } from '../schemas/policy';
import {
  allowedBy,
  farmRolePath,
  matchesPattern,
  securityGroupsField,
  securityGroupsReach,
  violation,
} from './matching';

export interface Located {
  value: string;
  path: string;
}

export interface Placement {
  index: number;
  platform: Platform;
  region: string;
  zones: Located[];
  instanceTypes: Located[];
  roleId: string;
  /** Known at launch, or at save when the caller resolved the role's image. */
  imageId?: string;
  tags: Record<string, string>;
  /** Tag keys another policy adds at launch: they count as present on save. */
  autoTagKeys?: ReadonlySet<string>;
  vpcId?: string;
  /** AWS subnet ids or the GCE subnetwork. */
  subnets: Located[];
  network?: string;
  securityGroupIds: string[];
  networkTags: string[];
  publicIp: boolean;
  /** AWS IAM instance profile or GCE service account. */
  identity?: string;
  /** The farm role's maxInstances (save time only). */
  maxInstances?: number;
}

type Rule = Policy['rule'];
type RuleOf<K extends Rule['kind']> = Extract<Rule, { kind: K }>;
type At = (...rest: (string | number)[]) => string;

export function checkPlacement(policy: Policy, p: Placement): Violation[] {
  const at: At = (...rest) => farmRolePath(p.index, ...rest);
  const rule = policy.rule;
  switch (rule.kind) {
    case 'allowed-locations':
      return [
        ...(allowedBy(p.region, rule.regions)
          ? []
          : [violation(policy, at('region'), `region ${p.region} is not allowed`, rule.regions)]),
        ...(rule.zones.length
          ? p.zones
              .filter((z) => !allowedBy(z.value, rule.zones))
              .map((z) => violation(policy, z.path, `zone ${z.value} is not allowed`, rule.zones))
          : []),
      ];
    case 'allowed-instance-types':
      return p.instanceTypes
        .filter((t) => !allowedBy(t.value, rule.instanceTypes))
        .map((t) => violation(policy, t.path, `instance type ${t.value} is not allowed`, rule.instanceTypes));
    case 'allowed-roles':
      return rule.roleIds.includes(p.roleId)
        ? []
        : [violation(policy, at('roleId'), `role ${p.roleId} is not allowed`, rule.roleIds)];
    case 'allowed-images':
      return p.imageId !== undefined && !allowedBy(p.imageId, rule.imageIds)
        ? [violation(policy, at('roleId'), `the role's image ${p.imageId} is not allowed`, rule.imageIds)]
        : [];
    case 'enforced-network':
      return checkEnforcedNetwork(policy, rule, p, at);
    case 'enforced-security-groups':
    case 'network-tags':
      return checkRequiredMembers(policy, rule, p, at);
    case 'allowed-security-groups':
      return checkAllowedSecurityGroups(policy, rule, p, at);
    case 'required-tags':
      return checkRequiredTags(policy, rule, p, at);
    case 'max-instances':
      return rule.perFarmRole !== undefined &&
        p.maxInstances !== undefined &&
        p.maxInstances > rule.perFarmRole
        ? [
            violation(
              policy,
              at('maxInstances'),
              `at most ${rule.perFarmRole} instances per farm role (asks for ${p.maxInstances})`,
            ),
          ]
        : [];
    case 'instance-identity':
      return checkInstanceIdentity(policy, rule, p, at);
    case 'auto-tags':
    case 'farm-lease':
    case 'naming':
      return [];
  }
}

function checkEnforcedNetwork(
  policy: Policy,
  rule: RuleOf<'enforced-network'>,
  p: Placement,
  at: At,
): Violation[] {
  const aws = p.platform === 'aws';
  const out: Violation[] = [];
  if (aws && rule.vpcId && p.vpcId && p.vpcId !== rule.vpcId)
    out.push(violation(policy, at('network', 'vpcId'), `VPC must be ${rule.vpcId}`, [rule.vpcId]));
  if (!aws && rule.network && p.network && p.network !== rule.network)
    out.push(violation(policy, at('network', 'network'), `network must be ${rule.network}`, [rule.network]));
  const allowed = aws ? rule.subnetIds : rule.subnetworks;
  const privateCloud = p.platform === 'openstack' || p.platform === 'cloudstack';
  const what = aws ? 'subnet' : privateCloud ? 'network' : 'subnetwork';
  if (allowed.length)
    for (const s of p.subnets)
      if (!allowed.includes(s.value))
        out.push(violation(policy, s.path, `${what} ${s.value} is not allowed`, allowed));
  if (rule.noPublicIp && p.publicIp)
    out.push(
      violation(
        policy,
        at('network', aws ? 'associatePublicIp' : 'externalIp'),
        aws ? 'instances may not have a public IP' : 'instances may not have an external IP',
        ['false'],
      ),
    );
  return out;
}

// Security groups (AWS, OpenStack, CloudStack) and network tags (GCE): an empty list is filled in
// at launch; a list of one's own must include the enforced ones.
function checkRequiredMembers(
  policy: Policy,
  rule: RuleOf<'enforced-security-groups' | 'network-tags'>,
  p: Placement,
  at: At,
): Violation[] {
  const groups = rule.kind === 'enforced-security-groups';
  if (groups ? !securityGroupsReach(policy, p.platform) : p.platform !== 'gce') return [];
  const [required, present] = groups
    ? [rule.securityGroupIds, p.securityGroupIds]
    : [rule.networkTags, p.networkTags];
  const missing = required.filter((member) => !present.includes(member));
  if (!present.length || !missing.length) return [];
  const [field, what] = groups
    ? [securityGroupsField(p.platform), 'security groups']
    : ['networkTags', 'network tags'];
  return [violation(policy, at('network', field), `${what} must include ${missing.join(', ')}`, required)];
}

/** Every security group a farm role names (or is given at launch) must be on the list. */
function checkAllowedSecurityGroups(
  policy: Policy,
  rule: RuleOf<'allowed-security-groups'>,
  p: Placement,
  at: At,
): Violation[] {
  if (!securityGroupsReach(policy, p.platform)) return [];
  const field = securityGroupsField(p.platform);
  return p.securityGroupIds.flatMap((group, g) =>
    allowedBy(group, rule.securityGroups)
      ? []
      : [
          violation(
            policy,
            at('network', field, g),
            `security group ${group} is not allowed`,
            rule.securityGroups,
          ),
        ],
  );
}

function checkRequiredTags(policy: Policy, rule: RuleOf<'required-tags'>, p: Placement, at: At): Violation[] {
  const out: Violation[] = [];
  for (const { key, pattern } of rule.tags) {
    const value = p.tags[key];
    if (value === undefined) {
      if (!p.autoTagKeys?.has(key))
        out.push(violation(policy, at('tags', key), `tag ${key} is required (value matching ${pattern})`));
    } else if (!matchesPattern(value, pattern)) {
      out.push(violation(policy, at('tags', key), `tag ${key}="${value}" does not match ${pattern}`));
    }
  }
  return out;
}

function checkInstanceIdentity(
  policy: Policy,
  rule: RuleOf<'instance-identity'>,
  p: Placement,
  at: At,
): Violation[] {
  const aws = p.platform === 'aws';
  const enforced = aws ? rule.iamInstanceProfile : rule.serviceAccount;
  if (!enforced || !p.identity || p.identity === enforced) return [];
  return [
    violation(
      policy,
      at(aws ? 'iamInstanceProfile' : 'serviceAccount'),
      `${aws ? 'IAM instance profile' : 'service account'} must be ${enforced}`,
      [enforced],
    ),
  ];
}

/**
 * The placement as it will be launched: what the policies fill in where the farm role left a
 * value empty (mirrors enforce-launch.ts), so that two policies enforcing different values are
 * caught on save, not at the first launch. Auto tag values with variables are only known at launch:
 * their keys count as present.
 */
export function withEnforcedValues(p: Placement, policies: readonly Policy[]): Placement {
  const out: Placement = { ...p, tags: { ...p.tags }, autoTagKeys: new Set(p.autoTagKeys) };
  const aws = p.platform === 'aws';
  const subnetsPath = farmRolePath(p.index, 'network', aws ? 'subnetIds' : 'subnetwork');
  for (const policy of policies) {
    const rule = policy.rule;
    if (rule.kind === 'auto-tags') {
      for (const [key, value] of Object.entries(rule.tags)) {
        if (key.startsWith('drover-')) continue;
        if (value.includes('${')) (out.autoTagKeys as Set<string>).add(key);
        else out.tags[key] = value;
      }
    } else if (rule.kind === 'enforced-network') {
      const enforced = aws ? rule.subnetIds : rule.subnetworks.slice(0, 1);
      if (out.subnets.length === 0 && enforced.length)
        out.subnets = enforced.map((value) => ({ value, path: subnetsPath }));
      if (!aws && rule.network && !out.network) out.network = rule.network;
    } else if (
      rule.kind === 'enforced-security-groups' &&
      securityGroupsReach(policy, p.platform) &&
      out.securityGroupIds.length === 0
    ) {
      out.securityGroupIds = [...rule.securityGroupIds];
    } else if (rule.kind === 'network-tags' && p.platform === 'gce' && out.networkTags.length === 0) {
      out.networkTags = [...rule.networkTags];
    } else if (rule.kind === 'instance-identity' && !out.identity) {
      out.identity = aws ? rule.iamInstanceProfile : rule.serviceAccount;
    }
  }
  return out;
}
