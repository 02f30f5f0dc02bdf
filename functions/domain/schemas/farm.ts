// Farm and Farm Role: an application's declared infrastructure in one environment.
// A farm is one versioned document holding its farm roles ("this tier on AWS us-east-1,
// 8 to 12 hosts, each with one 50 GiB data volume").
import { z } from 'zod';
import { AwsSecurityGroupId, AwsSubnetId, AwsVpcId } from './aws-ids';
import { Description, idOf, LIMITS, Name, Tags, Timestamp, Versioned } from './common';
import { Scaling, scalingIssues } from './scaling';

export const FarmStatus = z.enum([
  'Terminated',
  'Launching',
  'Running',
  'Suspending',
  'Suspended',
  'Resuming',
  'Terminating',
]);
export type FarmStatus = z.infer<typeof FarmStatus>;

const regionName = z.string().regex(/^[a-z]+(-[a-z0-9]+)+$/, 'must be a region name like us-east-1');
const zoneName = z.string().regex(/^[a-z]+(-[a-z0-9]+)+$/, 'must be a zone name like us-east-1a');

export const Volume = z
  .object({
    sizeGiB: z.number().int().min(1).max(65_536),
    /** EBS volume type (gp3, io2…) or GCE disk type (pd-balanced, pd-ssd…). */
    type: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .default('gp3'),
    mountPoint: z.string().regex(/^\/[\w./-]*$/, 'must be an absolute path'),
    iops: z.number().int().min(100).max(256_000).optional(),
    deleteOnTermination: z.boolean().default(true),
  })
  .strict();
export type Volume = z.infer<typeof Volume>;

export const AwsNetwork = z
  .object({
    vpcId: AwsVpcId.optional(),
    subnetIds: z.array(AwsSubnetId).max(16).default([]),
    securityGroupIds: z.array(AwsSecurityGroupId).max(5).default([]),
    associatePublicIp: z.boolean().default(false),
  })
  .strict();

export const GceNetwork = z
  .object({
    network: z.string().min(1).default('default'),
    subnetwork: z.string().min(1).optional(),
    networkTags: z
      .array(z.string().regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a GCE network tag'))
      .max(64)
      .default([]),
    externalIp: z.boolean().default(false),
  })
  .strict();

export const ScaleInOrder = z.enum(['newest-first', 'oldest-first']);

const farmRoleCommon = {
  /** Stable id of this farm role; omit for a new one and the API assigns it. */
  id: idOf('farmRole').optional(),
  roleId: idOf('role'),
  /** Unique in the farm; used in server names and hostnames. */
  alias: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,38}[a-z0-9]$/, 'lowercase letters, digits and dashes, 2-40 long'),
  credentialsId: idOf('credentials'),
  region: regionName,
  /** Zones servers are spread over, in order of preference. */
  zones: z.array(zoneName).min(1, 'at least one zone').max(LIMITS.zonesMax),
  instanceType: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'must be an instance type name'),
  /** Other instance types the reconciler may fall back to when the cloud has no capacity. */
  fallbackInstanceTypes: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9.-]*$/))
    .max(5)
    .default([]),
  volumes: z.array(Volume).max(LIMITS.volumesMax).default([]),
  minInstances: z.number().int().min(0).max(LIMITS.instancesMax),
  maxInstances: z.number().int().min(0).max(LIMITS.instancesMax),
  scaleInOrder: ScaleInOrder.default('newest-first'),
  /** Farm roles launch in ascending order; a role waits for lower orders to be Running. */
  launchOrder: z.number().int().min(0).max(1000).default(0),
  /** Seconds from launch call to the instance running before the server is replaced. */
  launchTimeoutSec: z.number().int().min(60).max(7200).default(900),
  /** Seconds from the instance running to the agent's HostUp before the server is replaced. */
  initTimeoutSec: z.number().int().min(60).max(7200).default(1200),
  tags: Tags,
  /** Metric rules and schedules within min/max (README "Scaling"); absent: min/max only. */
  scaling: Scaling.optional(),
};

export const AwsFarmRole = z
  .object({
    platform: z.literal('aws'),
    ...farmRoleCommon,
    network: AwsNetwork.default({ subnetIds: [], securityGroupIds: [], associatePublicIp: false }),
    iamInstanceProfile: z.string().max(1600).optional(),
  })
  .strict();

export const GceFarmRole = z
  .object({
    platform: z.literal('gce'),
    ...farmRoleCommon,
    network: GceNetwork.default({ network: 'default', networkTags: [], externalIp: false }),
    serviceAccount: z.email().optional(),
  })
  .strict();

/** Where an OpenStack farm role's servers go: Neutron networks, security groups, a key pair, a server group. */
export const OpenStackPlacement = z
  .object({
    /** Network ids or names; none: Nova's `auto` (the project's own network). */
    networks: z.array(z.string().min(1).max(255)).max(8).default([]),
    /** Security group names or ids; none: the project's `default`. */
    securityGroups: z.array(z.string().min(1).max(255)).max(10).default([]),
    keyName: z.string().min(1).max(255).optional(),
    /** A Nova server group id: affinity or anti-affinity between the role's servers. */
    serverGroup: z.uuid().optional(),
  })
  .strict();

const openStackRegion = z.string().regex(/^[A-Za-z0-9][\w.-]{0,63}$/, 'must be a region name like RegionOne');
const openStackZone = z.string().regex(/^[\w.:-]{1,255}$/, 'must be an availability zone name like nova');

export const OpenStackFarmRole = z
  .object({
    platform: z.literal('openstack'),
    ...farmRoleCommon,
    // OpenStack names regions and zones freely (`RegionOne`, `nova`).
    region: openStackRegion,
    zones: z.array(openStackZone).min(1, 'at least one zone').max(LIMITS.zonesMax),
    network: OpenStackPlacement.default({ networks: [], securityGroups: [] }),
  })
  .strict();

/** Where a CloudStack farm role's VMs go: guest networks, security groups, an SSH key pair. */
export const CloudStackPlacement = z
  .object({
    /** Guest network ids or names in the zone; none: the zone's default network. */
    networks: z.array(z.string().min(1).max(255)).max(8).default([]),
    /** Security group names (Basic zones and security-group-enabled Advanced zones). */
    securityGroups: z.array(z.string().min(1).max(255)).max(10).default([]),
    /** An SSH key pair registered in the CloudStack account. */
    keyPair: z.string().min(1).max(255).optional(),
  })
  .strict();

const cloudStackZone = z.string().regex(/^[\w. :-]{1,255}$/, 'must be a CloudStack zone name like zone-1');
/** Service offerings are named freely (`Small Instance`) or given by id. */
const serviceOffering = z.string().trim().min(1, 'must be a service offering name or id').max(255);

export const CloudStackFarmRole = z
  .object({
    platform: z.literal('cloudstack'),
    ...farmRoleCommon,
    // The driver maps a Drover region to one CloudStack zone, so a farm role's zones are that region.
    region: cloudStackZone,
    zones: z.array(cloudStackZone).min(1, 'at least one zone').max(LIMITS.zonesMax),
    instanceType: serviceOffering,
    fallbackInstanceTypes: z.array(serviceOffering).max(5).default([]),
    network: CloudStackPlacement.default({ networks: [], securityGroups: [] }),
  })
  .strict();

export const FarmRole = z
  .discriminatedUnion('platform', [AwsFarmRole, GceFarmRole, OpenStackFarmRole, CloudStackFarmRole])
  .meta({ id: 'FarmRole' });
export type FarmRole = z.infer<typeof FarmRole>;
export type FarmRoleInput = z.input<typeof FarmRole>;

const FarmFields = z
  .object({
    name: Name.regex(
      /^[a-zA-Z0-9][a-zA-Z0-9 ._-]*$/,
      'letters, digits, space, dot, dash and underscore only',
    ),
    description: Description,
    /** When set, the farm is terminated at this time. */
    leaseExpiresAt: Timestamp.nullable().default(null),
    farmRoles: z.array(FarmRole).max(LIMITS.farmRolesMax).default([]),
  })
  .strict();

/** Cross-field rules of a farm spec; every issue names the field path. */
function checkFarm(farm: z.infer<typeof FarmFields>, ctx: z.RefinementCtx): void {
  const aliases = new Map<string, number>();
  const ids = new Set<string>();
  farm.farmRoles.forEach((fr, i) => {
    const at = (...path: (string | number)[]) => ['farmRoles', i, ...path];
    if (aliases.has(fr.alias)) {
      ctx.addIssue({
        code: 'custom',
        path: at('alias'),
        message: `alias "${fr.alias}" is already used by farmRoles.${aliases.get(fr.alias)}`,
      });
    }
    aliases.set(fr.alias, i);
    if (fr.id) {
      if (ids.has(fr.id)) ctx.addIssue({ code: 'custom', path: at('id'), message: 'duplicate farm role id' });
      ids.add(fr.id);
    }
    if (fr.minInstances > fr.maxInstances) {
      ctx.addIssue({
        code: 'custom',
        path: at('minInstances'),
        message: `must not exceed maxInstances (${fr.maxInstances})`,
      });
    }
    for (const issue of scalingIssues(fr.scaling, fr))
      ctx.addIssue({ code: 'custom', path: at(...issue.path), message: issue.message });
    fr.zones.forEach((zone, z) => {
      // EC2 and GCE name zones after their region; OpenStack's availability zones are free names (`nova`).
      if (fr.platform === 'cloudstack' && zone !== fr.region) {
        ctx.addIssue({
          code: 'custom',
          path: at('zones', z),
          message: `a CloudStack zone is its region: must be ${fr.region}`,
        });
      } else if (fr.platform !== 'openstack' && !zone.startsWith(fr.region)) {
        ctx.addIssue({
          code: 'custom',
          path: at('zones', z),
          message: `zone ${zone} is not in region ${fr.region}`,
        });
      }
    });
    if (new Set(fr.zones).size !== fr.zones.length)
      ctx.addIssue({ code: 'custom', path: at('zones'), message: 'duplicate zone' });
    const mounts = new Set<string>();
    fr.volumes.forEach((v, j) => {
      if (mounts.has(v.mountPoint))
        ctx.addIssue({
          code: 'custom',
          path: at('volumes', j, 'mountPoint'),
          message: 'duplicate mount point',
        });
      mounts.add(v.mountPoint);
    });
  });
}

/** The writable part of a farm: what POST and PUT accept. */
export const FarmSpec = FarmFields.superRefine(checkFarm).meta({ id: 'FarmSpec' });
export type FarmSpec = z.infer<typeof FarmSpec>;
export type FarmSpecInput = z.input<typeof FarmSpec>;

export const Farm = FarmFields.extend({
  id: idOf('farm'),
  accountId: idOf('account'),
  environmentId: idOf('environment'),
  status: FarmStatus,
  /** Farm roles as stored always carry their id. */
  farmRoles: z.array(
    z.discriminatedUnion('platform', [
      AwsFarmRole.extend({ id: idOf('farmRole') }),
      GceFarmRole.extend({ id: idOf('farmRole') }),
      OpenStackFarmRole.extend({ id: idOf('farmRole') }),
      CloudStackFarmRole.extend({ id: idOf('farmRole') }),
    ]),
  ),
  ownerId: z.string().min(1),
  /** The team the farm belongs to (the creator's team in the environment), for `team`-scoped permissions; absent on farms older than teams. */
  ownerTeamId: z.string().nullable().optional(),
  /** When the farm last reached Running after a launch (the reconciler sets it). */
  launchedAt: Timestamp.nullable().default(null),
  /**
   * When Launch was last requested (the launch service sets it): with launchedAt, tells a farm
   * that never ran from one terminated mid-launch. Absent on farms stored before it existed.
   */
  launchRequestedAt: Timestamp.optional(),
})
  .extend(Versioned.shape)
  .meta({ id: 'Farm' });
export type Farm = z.infer<typeof Farm>;
export type StoredFarmRole = Farm['farmRoles'][number];
