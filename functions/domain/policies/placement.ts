// The checks a policy makes on one farm role's placement, shared by the save-time evaluation
// (the farm spec) and the launch-time enforcement (one server's launch spec). A placement
// carries each value with the farm spec path a person would edit to fix it.
import type { Platform } from '../schemas/common';
import type { Policy, Violation } from '../schemas/policy';
import { allowedBy, farmRolePath, matchesPattern, violation } from './matching';

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

export function checkPlacement(policy: Policy, p: Placement): Violation[] {
  const at = (...rest: (string | number)[]) => farmRolePath(p.index, ...rest);
  const out: Violation[] = [];
  const rule = policy.rule;
  const aws = p.platform === 'aws';
  switch (rule.kind) {
    case 'allowed-locations':
      if (!allowedBy(p.region, rule.regions))
        out.push(violation(policy, at('region'), `region ${p.region} is not allowed`, rule.regions));
      if (rule.zones.length)
        for (const z of p.zones)
          if (!allowedBy(z.value, rule.zones))
            out.push(violation(policy, z.path, `zone ${z.value} is not allowed`, rule.zones));
      break;
    case 'allowed-instance-types':
      for (const t of p.instanceTypes)
        if (!allowedBy(t.value, rule.instanceTypes))
          out.push(violation(policy, t.path, `instance type ${t.value} is not allowed`, rule.instanceTypes));
      break;
    case 'allowed-roles':
      if (!rule.roleIds.includes(p.roleId))
        out.push(violation(policy, at('roleId'), `role ${p.roleId} is not allowed`, rule.roleIds));
      break;
    case 'allowed-images':
      if (p.imageId !== undefined && !allowedBy(p.imageId, rule.imageIds))
        out.push(
          violation(policy, at('roleId'), `the role's image ${p.imageId} is not allowed`, rule.imageIds),
        );
      break;
    case 'enforced-network':
      if (aws && rule.vpcId && p.vpcId && p.vpcId !== rule.vpcId)
        out.push(violation(policy, at('network', 'vpcId'), `VPC must be ${rule.vpcId}`, [rule.vpcId]));
      if (!aws && rule.network && p.network && p.network !== rule.network)
        out.push(
          violation(policy, at('network', 'network'), `network must be ${rule.network}`, [rule.network]),
        );
      {
        const allowed = aws ? rule.subnetIds : rule.subnetworks;
        if (allowed.length)
          for (const s of p.subnets)
            if (!allowed.includes(s.value))
              out.push(
                violation(
                  policy,
                  s.path,
                  `${aws ? 'subnet' : 'subnetwork'} ${s.value} is not allowed`,
                  allowed,
                ),
              );
      }
      if (rule.noPublicIp && p.publicIp)
        out.push(
          violation(
            policy,
            at('network', aws ? 'associatePublicIp' : 'externalIp'),
            aws ? 'instances may not have a public IP' : 'instances may not have an external IP',
            ['false'],
          ),
        );
      break;
    case 'enforced-security-groups': {
      // An empty list is filled in at launch; a list of one's own must include the enforced groups.
      const missing = rule.securityGroupIds.filter((sg) => !p.securityGroupIds.includes(sg));
      if (aws && p.securityGroupIds.length && missing.length)
        out.push(
          violation(
            policy,
            at('network', 'securityGroupIds'),
            `security groups must include ${missing.join(', ')}`,
            rule.securityGroupIds,
          ),
        );
      break;
    }
    case 'network-tags': {
      const missing = rule.networkTags.filter((t) => !p.networkTags.includes(t));
      if (!aws && p.networkTags.length && missing.length)
        out.push(
          violation(
            policy,
            at('network', 'networkTags'),
            `network tags must include ${missing.join(', ')}`,
            rule.networkTags,
          ),
        );
      break;
    }
    case 'required-tags':
      for (const { key, pattern } of rule.tags) {
        const value = p.tags[key];
        if (value === undefined) {
          if (!p.autoTagKeys?.has(key))
            out.push(
              violation(policy, at('tags', key), `tag ${key} is required (value matching ${pattern})`),
            );
        } else if (!matchesPattern(value, pattern)) {
          out.push(violation(policy, at('tags', key), `tag ${key}="${value}" does not match ${pattern}`));
        }
      }
      break;
    case 'max-instances':
      if (rule.perFarmRole !== undefined && p.maxInstances !== undefined && p.maxInstances > rule.perFarmRole)
        out.push(
          violation(
            policy,
            at('maxInstances'),
            `at most ${rule.perFarmRole} instances per farm role (asks for ${p.maxInstances})`,
          ),
        );
      break;
    case 'instance-identity': {
      const enforced = aws ? rule.iamInstanceProfile : rule.serviceAccount;
      if (enforced && p.identity && p.identity !== enforced)
        out.push(
          violation(
            policy,
            at(aws ? 'iamInstanceProfile' : 'serviceAccount'),
            `${aws ? 'IAM instance profile' : 'service account'} must be ${enforced}`,
            [enforced],
          ),
        );
      break;
    }
    case 'auto-tags':
    case 'farm-lease':
    case 'naming':
      break;
  }
  return out;
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
  for (const { rule } of policies) {
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
    } else if (rule.kind === 'enforced-security-groups' && aws && out.securityGroupIds.length === 0) {
      out.securityGroupIds = [...rule.securityGroupIds];
    } else if (rule.kind === 'network-tags' && !aws && out.networkTags.length === 0) {
      out.networkTags = [...rule.networkTags];
    } else if (rule.kind === 'instance-identity' && !out.identity) {
      out.identity = aws ? rule.iamInstanceProfile : rule.serviceAccount;
    }
  }
  return out;
}
