// evaluateFarm: every way a farm spec breaks an environment's enabled policies, with the field
// path to fix and the allowed values. Empty means the farm may be saved. Values a policy
// enforces at launch (subnets, security groups, identity, auto tags) are not violations when the
// spec leaves them empty: they are filled in then (enforce-launch.ts).
import type { FarmSpec } from '../schemas/farm';
import type { Policy, Violation } from '../schemas/policy';
import { matchesPattern, policiesFor, violation } from './matching';
import { checkPlacement, type Placement, withEnforcedValues } from './placement';

type SpecFarmRole = FarmSpec['farmRoles'][number];

export interface EvaluationContext {
  /** For the lease check; without it a lease is not compared with the maximum. */
  now?: Date;
  /** The role's tags and image for a farm role, when the caller has looked them up. */
  roleOf?: (fr: SpecFarmRole) => { tags?: Record<string, string>; imageId?: string } | undefined;
}

export function evaluateFarm(
  spec: Pick<FarmSpec, 'name' | 'farmRoles' | 'leaseExpiresAt'>,
  policies: readonly Policy[],
  context: EvaluationContext = {},
): Violation[] {
  const out: Violation[] = [];
  spec.farmRoles.forEach((fr, index) => {
    const mine = policiesFor(policies, fr.platform);
    const role = context.roleOf?.(fr);
    const placement = withEnforcedValues(
      placementOfFarmRole(fr, index, { ...role?.tags, ...fr.tags }, role?.imageId),
      mine,
    );
    for (const policy of mine) out.push(...checkPlacement(policy, placement));
  });
  out.push(...checkFarmLevel(spec, policies, context.now));
  return out;
}

/** Rules about the farm as a whole: its name, its lease, its total size. */
export function checkFarmLevel(
  spec: Pick<FarmSpec, 'name' | 'farmRoles' | 'leaseExpiresAt'>,
  policies: readonly Policy[],
  now: Date | undefined,
): Violation[] {
  const out: Violation[] = [];
  for (const policy of policies) {
    if (!policy.enabled) continue;
    const farmRoles = spec.farmRoles.filter(
      (fr) => policy.platform === null || fr.platform === policy.platform,
    );
    if (policy.platform !== null && farmRoles.length === 0) continue;
    const rule = policy.rule;
    if (rule.kind === 'naming' && !matchesPattern(spec.name, rule.farmNamePattern)) {
      out.push(violation(policy, 'name', `farm name "${spec.name}" must match ${rule.farmNamePattern}`));
    }
    if (rule.kind === 'max-instances' && rule.perFarm !== undefined) {
      const total = farmRoles.reduce((sum, fr) => sum + fr.maxInstances, 0);
      if (total > rule.perFarm)
        out.push(
          violation(
            policy,
            'farmRoles',
            `at most ${rule.perFarm} instances per farm (farm roles allow ${total})`,
          ),
        );
    }
    if (rule.kind === 'farm-lease' && now && spec.leaseExpiresAt) {
      const latest = now.getTime() + rule.maxLifetimeHours * 3_600_000;
      if (Date.parse(spec.leaseExpiresAt) > latest)
        out.push(
          violation(
            policy,
            'leaseExpiresAt',
            `a farm may live at most ${rule.maxLifetimeHours} hours (until ${new Date(latest).toISOString()})`,
          ),
        );
    }
  }
  return out;
}

function placementOfFarmRole(
  fr: SpecFarmRole,
  index: number,
  tags: Record<string, string>,
  imageId: string | undefined,
): Placement {
  const path = (...rest: string[]) => `farmRoles[${index}].${rest.join('.')}`;
  const common = {
    index,
    platform: fr.platform,
    region: fr.region,
    zones: fr.zones.map((value, z) => ({ value, path: `${path('zones')}[${z}]` })),
    instanceTypes: [
      { value: fr.instanceType, path: path('instanceType') },
      ...fr.fallbackInstanceTypes.map((value, t) => ({
        value,
        path: `${path('fallbackInstanceTypes')}[${t}]`,
      })),
    ],
    roleId: fr.roleId,
    ...(imageId ? { imageId } : {}),
    tags,
    maxInstances: fr.maxInstances,
  };
  if (fr.platform === 'aws') {
    return {
      ...common,
      vpcId: fr.network.vpcId,
      subnets: fr.network.subnetIds.map((value, s) => ({
        value,
        path: `${path('network', 'subnetIds')}[${s}]`,
      })),
      securityGroupIds: fr.network.securityGroupIds,
      networkTags: [],
      publicIp: fr.network.associatePublicIp,
      identity: fr.iamInstanceProfile,
    };
  }
  if (fr.platform === 'openstack' || fr.platform === 'cloudstack') {
    // Neutron and CloudStack guest networks are checked as the allowed subnets are (every one must be allowed).
    return {
      ...common,
      subnets: fr.network.networks.map((value, n) => ({
        value,
        path: `${path('network', 'networks')}[${n}]`,
      })),
      securityGroupIds: fr.network.securityGroups,
      networkTags: [],
      publicIp: false,
    };
  }
  return {
    ...common,
    // `default` is what a farm role gets when it names no network: an enforced one replaces it at launch.
    network: fr.network.network === 'default' ? undefined : fr.network.network,
    subnets: fr.network.subnetwork
      ? [{ value: fr.network.subnetwork, path: path('network', 'subnetwork') }]
      : [],
    securityGroupIds: [],
    networkTags: fr.network.networkTags,
    publicIp: fr.network.externalIp,
    identity: fr.serviceAccount,
  };
}
