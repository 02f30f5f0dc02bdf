// enforceLaunch: the last word of the policies on one server's launch, run by the reconciler
// just before the cloud call. It fills in what the policies enforce where the spec left a value
// empty (auto tags, subnet or network, security groups, network tags, instance identity), then checks the
// result against every enabled policy — so a policy changed after the farm was saved is caught
// here, and the launch is refused with its violations.

import type { LaunchSpec } from '../clouds/launch-spec';
import type { Platform } from '../schemas/common';
import type { Policy, Violation } from '../schemas/policy';
import { builtInVariables } from '../variables/built-ins';
import { farmRolePath, matchesPattern, policiesFor, securityGroupsReach, violation } from './matching';
import { checkPlacement, type Located, type Placement } from './placement';

/** The parts of a cloud launch spec policies read and write. */
export type LaunchShape = Pick<
  LaunchSpec,
  | 'serverId'
  | 'region'
  | 'zone'
  | 'imageId'
  | 'instanceType'
  | 'tags'
  | 'aws'
  | 'gce'
  | 'openstack'
  | 'cloudstack'
>;

export interface LaunchContext {
  accountId: string;
  environmentId: string;
  farm: { id: string; name: string };
  farmRole: {
    /** Position in the farm's farmRoles: violations name `farmRoles[index]…`. */
    index: number;
    alias: string;
    platform: Platform;
    roleId: string;
    zones: string[];
    instanceType: string;
    fallbackInstanceTypes: string[];
    vpcId?: string;
  };
  instanceIndex: number;
  /** Servers already live or launching, this one not counted. */
  liveInFarmRole: number;
  liveInFarm: number;
  /** More variables auto tags may reference (Global Variables); built-ins win. */
  variables?: Record<string, string>;
}

export type LaunchDecision<S> =
  | { ok: true; launchSpec: S; injected: string[] }
  | { ok: false; violations: Violation[] };

/** Tag keys Drover itself sets for observation; no policy may overwrite them. */
const RESERVED_TAG_PREFIX = 'drover-';
const TAG_VALUE_MAX = 255;

export function enforceLaunch<S extends LaunchShape>(
  launchSpec: S,
  policies: readonly Policy[],
  context: LaunchContext,
): LaunchDecision<S> {
  const mine = policiesFor(policies, context.farmRole.platform);
  const { spec, injected } = inject(launchSpec, mine, context);
  const placement = placementOfLaunch(spec, context);
  const violations = mine.flatMap((p) => checkPlacement(p, placement));
  violations.push(...checkCounts(mine, context), ...checkName(mine, context));
  return violations.length ? { ok: false, violations } : { ok: true, launchSpec: spec, injected };
}

/** `${NAME}` references in an auto tag's value, resolved; unknown names are left as written. */
export function expandVariables(value: string, variables: Record<string, string>): string {
  return value.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (whole, name: string) => variables[name] ?? whole);
}

function inject<S extends LaunchShape>(launchSpec: S, policies: Policy[], context: LaunchContext) {
  const spec: S = {
    ...launchSpec,
    tags: { ...launchSpec.tags },
    ...(launchSpec.aws ? { aws: { ...launchSpec.aws } } : {}),
    ...(launchSpec.gce ? { gce: { ...launchSpec.gce } } : {}),
    ...(launchSpec.openstack ? { openstack: { ...launchSpec.openstack } } : {}),
    ...(launchSpec.cloudstack ? { cloudstack: { ...launchSpec.cloudstack } } : {}),
  };
  const injected: string[] = [];
  const variables = {
    ...context.variables,
    ...builtInVariables({
      accountId: context.accountId,
      environmentId: context.environmentId,
      farmId: context.farm.id,
      farmName: context.farm.name,
      farmRoleAlias: context.farmRole.alias,
      serverId: launchSpec.serverId,
      instanceIndex: context.instanceIndex,
      platform: context.farmRole.platform,
      location: launchSpec.region,
      instanceType: launchSpec.instanceType,
    }),
  };
  const zoneIndex = Math.max(0, context.farmRole.zones.indexOf(launchSpec.zone));
  for (const policy of policies) {
    const rule = policy.rule;
    const { aws, gce } = spec;
    const privateCloud = spec.cloudstack ?? spec.openstack;
    if (rule.kind === 'auto-tags') {
      for (const [key, value] of Object.entries(rule.tags)) {
        if (key.startsWith(RESERVED_TAG_PREFIX)) continue;
        spec.tags[key] = expandVariables(value, variables).slice(0, TAG_VALUE_MAX);
        injected.push(`tags.${key}`);
      }
    } else if (rule.kind === 'enforced-network') {
      injected.push(...injectNetwork(spec, rule, zoneIndex));
    } else if (
      rule.kind === 'enforced-security-groups' &&
      securityGroupsReach(policy, context.farmRole.platform)
    ) {
      if (aws && aws.securityGroupIds.length === 0) {
        aws.securityGroupIds = [...rule.securityGroupIds];
        injected.push('network.securityGroupIds');
      } else if (privateCloud && privateCloud.securityGroups.length === 0) {
        privateCloud.securityGroups = [...rule.securityGroupIds];
        injected.push('network.securityGroups');
      }
    } else if (rule.kind === 'network-tags' && gce && gce.networkTags.length === 0) {
      gce.networkTags = [...rule.networkTags];
      injected.push('network.networkTags');
    } else if (rule.kind === 'instance-identity') {
      if (aws && !aws.iamInstanceProfile && rule.iamInstanceProfile) {
        aws.iamInstanceProfile = rule.iamInstanceProfile;
        injected.push('iamInstanceProfile');
      }
      if (gce && !gce.serviceAccount && rule.serviceAccount) {
        gce.serviceAccount = rule.serviceAccount;
        injected.push('serviceAccount');
      }
    }
  }
  return { spec, injected };
}

type NetworkRule = Extract<Policy['rule'], { kind: 'enforced-network' }>;

/** The enforced network's values where the launch names none; what was filled in, as field paths. */
function injectNetwork(spec: LaunchShape, rule: NetworkRule, zoneIndex: number): string[] {
  const { aws, gce } = spec;
  const privateCloud = spec.cloudstack ?? spec.openstack;
  const injected: string[] = [];
  if (aws && !aws.subnetId && rule.subnetIds.length) {
    // The subnet at the zone's position serves it, as the farm role's own subnets do.
    aws.subnetId = rule.subnetIds[zoneIndex % rule.subnetIds.length];
    injected.push('network.subnetIds');
  }
  if (gce && rule.network && gce.network === 'default' && rule.network !== 'default') {
    gce.network = rule.network;
    injected.push('network.network');
  }
  // OpenStack and CloudStack networks are allowed by the rule's subnetworks: the first is
  // injected when the farm role names none, as GCE's subnetwork is.
  if (privateCloud && privateCloud.networks.length === 0 && rule.subnetworks.length) {
    privateCloud.networks = [rule.subnetworks[0] as string];
    injected.push('network.networks');
  }
  if (gce && !gce.subnetwork && rule.subnetworks.length) {
    gce.subnetwork = rule.subnetworks[0];
    injected.push('network.subnetwork');
  }
  return injected;
}

function placementOfLaunch(spec: LaunchShape, context: LaunchContext): Placement {
  const fr = context.farmRole;
  const at = (...rest: (string | number)[]) => farmRolePath(fr.index, ...rest);
  const zone = fr.zones.indexOf(spec.zone);
  const fallback = fr.fallbackInstanceTypes.indexOf(spec.instanceType);
  const instanceType: Located = {
    value: spec.instanceType,
    path:
      spec.instanceType === fr.instanceType || fallback < 0
        ? at('instanceType')
        : at('fallbackInstanceTypes', fallback),
  };
  const common = {
    index: fr.index,
    platform: fr.platform,
    region: spec.region,
    zones: [{ value: spec.zone, path: zone < 0 ? at('zones') : at('zones', zone) }],
    instanceTypes: [instanceType],
    roleId: fr.roleId,
    imageId: spec.imageId,
    tags: spec.tags,
  };
  if (spec.aws) {
    return {
      ...common,
      vpcId: fr.vpcId,
      subnets: spec.aws.subnetId ? [{ value: spec.aws.subnetId, path: at('network', 'subnetIds') }] : [],
      securityGroupIds: spec.aws.securityGroupIds,
      networkTags: [],
      publicIp: spec.aws.associatePublicIp,
      identity: spec.aws.iamInstanceProfile,
    };
  }
  const privateCloud = spec.cloudstack ?? spec.openstack;
  if (privateCloud) {
    // Their networks are checked as the allowed subnets are, as on save (evaluate-farm.ts).
    return {
      ...common,
      subnets: privateCloud.networks.map((value, n) => ({ value, path: at('network', 'networks', n) })),
      securityGroupIds: privateCloud.securityGroups,
      networkTags: [],
      publicIp: false,
    };
  }
  return {
    ...common,
    network: spec.gce?.network,
    subnets: spec.gce?.subnetwork ? [{ value: spec.gce.subnetwork, path: at('network', 'subnetwork') }] : [],
    securityGroupIds: [],
    networkTags: spec.gce?.networkTags ?? [],
    publicIp: spec.gce?.externalIp ?? false,
    identity: spec.gce?.serviceAccount,
  };
}

/** One more server must fit under the per farm role and per farm maximums. */
function checkCounts(policies: Policy[], context: LaunchContext): Violation[] {
  const out: Violation[] = [];
  for (const policy of policies) {
    if (policy.rule.kind !== 'max-instances') continue;
    const { perFarmRole, perFarm } = policy.rule;
    if (perFarmRole !== undefined && context.liveInFarmRole + 1 > perFarmRole)
      out.push(
        violation(
          policy,
          farmRolePath(context.farmRole.index, 'maxInstances'),
          `at most ${perFarmRole} instances per farm role (${context.liveInFarmRole} already)`,
        ),
      );
    if (perFarm !== undefined && context.liveInFarm + 1 > perFarm)
      out.push(
        violation(
          policy,
          'farmRoles',
          `at most ${perFarm} instances per farm (${context.liveInFarm} already)`,
        ),
      );
  }
  return out;
}

function checkName(policies: Policy[], context: LaunchContext): Violation[] {
  return policies.flatMap((policy) =>
    policy.rule.kind === 'naming' && !matchesPattern(context.farm.name, policy.rule.farmNamePattern)
      ? [
          violation(
            policy,
            'name',
            `farm name "${context.farm.name}" must match ${policy.rule.farmNamePattern}`,
          ),
        ]
      : [],
  );
}
