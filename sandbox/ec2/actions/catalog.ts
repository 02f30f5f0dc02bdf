// The read-only catalogue actions: regions, zones, VPCs, subnets, security groups, instance types.
import { ACCOUNT_ID, INSTANCE_TYPES, REGIONS } from '../catalog';
import { Ec2ApiError } from '../errors';
import { checkFilterNames, matchesFilters, parseFilters } from '../filters';
import type { QueryParams } from '../query';
import { itemSet } from '../xml';
import type { Ec2Action } from './context';

/** Applies `Id.N` selection (unknown ids are an error named `notFoundCode`) and filters. */
function select<T>(
  params: QueryParams,
  items: T[],
  selection: { param: string; idOf: (item: T) => string; notFoundCode: string; noun: string },
  filters: Record<string, (item: T) => string[]>,
): T[] {
  const wanted = params.list(selection.param);
  for (const id of wanted) {
    if (!items.some((item) => selection.idOf(item) === id)) {
      throw new Ec2ApiError(selection.notFoundCode, `The ${selection.noun} '${id}' does not exist`);
    }
  }
  const parsed = parseFilters(params);
  checkFilterNames(parsed, (name) => name in filters);
  return items.filter(
    (item) =>
      (wanted.length === 0 || wanted.includes(selection.idOf(item))) &&
      matchesFilters(parsed, (name) => filters[name]?.(item)),
  );
}

export const describeRegions: Ec2Action = ({ params }) => {
  const regions = select(
    params,
    REGIONS,
    { param: 'RegionName', idOf: (r) => r.region, notFoundCode: 'InvalidParameterValue', noun: 'region' },
    { 'region-name': (r) => [r.region], endpoint: (r) => [`ec2.${r.region}.amazonaws.com`] },
  );
  return {
    regionInfo: itemSet(
      regions.map((r) => ({
        regionName: r.region,
        regionEndpoint: `ec2.${r.region}.amazonaws.com`,
        optInStatus: 'opt-in-not-required',
      })),
    ),
  };
};

export const describeAvailabilityZones: Ec2Action = ({ params, region }) => {
  const zones = select(
    params,
    region.zones,
    { param: 'ZoneName', idOf: (z) => z.name, notFoundCode: 'InvalidParameterValue', noun: 'zone' },
    {
      'zone-name': (z) => [z.name],
      'zone-id': (z) => [z.zoneId],
      'region-name': () => [region.region],
      'zone-type': () => ['availability-zone'],
      state: () => ['available'],
    },
  );
  return {
    availabilityZoneInfo: itemSet(
      zones.map((z) => ({
        zoneName: z.name,
        zoneState: 'available',
        regionName: region.region,
        zoneId: z.zoneId,
        groupName: region.region,
        networkBorderGroup: region.region,
        zoneType: 'availability-zone',
        optInStatus: 'opt-in-not-required',
        messageSet: '',
      })),
    ),
  };
};

export const describeVpcs: Ec2Action = ({ params, region }) => {
  const vpcs = select(
    params,
    [region.vpc],
    { param: 'VpcId', idOf: (v) => v.vpcId, notFoundCode: 'InvalidVpcID.NotFound', noun: 'vpc ID' },
    {
      'vpc-id': (v) => [v.vpcId],
      'is-default': (v) => [String(v.isDefault)],
      'cidr-block': (v) => [v.cidrBlock],
    },
  );
  return {
    vpcSet: itemSet(
      vpcs.map((v) => ({
        vpcId: v.vpcId,
        ownerId: ACCOUNT_ID,
        state: 'available',
        cidrBlock: v.cidrBlock,
        cidrBlockAssociationSet: itemSet([
          {
            cidrBlock: v.cidrBlock,
            associationId: `vpc-cidr-assoc-${v.vpcId.slice(4)}`,
            cidrBlockState: { state: 'associated' },
          },
        ]),
        dhcpOptionsId: `dopt-${v.vpcId.slice(4)}`,
        instanceTenancy: 'default',
        isDefault: v.isDefault,
        tagSet: '',
      })),
    ),
  };
};

export const describeSubnets: Ec2Action = ({ params, region }) => {
  const subnets = select(
    params,
    region.subnets,
    {
      param: 'SubnetId',
      idOf: (s) => s.subnetId,
      notFoundCode: 'InvalidSubnetID.NotFound',
      noun: 'subnet ID',
    },
    {
      'subnet-id': (s) => [s.subnetId],
      'vpc-id': (s) => [s.vpcId],
      'availability-zone': (s) => [s.zone],
      'default-for-az': (s) => [String(s.defaultForAz)],
      'cidr-block': (s) => [s.cidrBlock],
    },
  );
  return {
    subnetSet: itemSet(
      subnets.map((s) => ({
        subnetId: s.subnetId,
        subnetArn: `arn:aws:ec2:${region.region}:${ACCOUNT_ID}:subnet/${s.subnetId}`,
        state: 'available',
        vpcId: s.vpcId,
        cidrBlock: s.cidrBlock,
        availableIpAddressCount: 4091,
        availabilityZone: s.zone,
        availabilityZoneId: s.zoneId,
        defaultForAz: s.defaultForAz,
        mapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
        ownerId: ACCOUNT_ID,
        assignIpv6AddressOnCreation: false,
        ipv6CidrBlockAssociationSet: '',
        tagSet: '',
      })),
    ),
  };
};

export const describeSecurityGroups: Ec2Action = ({ params, region }) => {
  const byName = params.list('GroupName');
  for (const name of byName) {
    if (!region.securityGroups.some((g) => g.groupName === name)) {
      throw new Ec2ApiError(
        'InvalidGroup.NotFound',
        `The security group '${name}' does not exist in default VPC`,
      );
    }
  }
  const groups = select(
    params,
    region.securityGroups,
    {
      param: 'GroupId',
      idOf: (g) => g.groupId,
      notFoundCode: 'InvalidGroup.NotFound',
      noun: 'security group',
    },
    {
      'group-id': (g) => [g.groupId],
      'group-name': (g) => [g.groupName],
      'vpc-id': (g) => [g.vpcId],
      description: (g) => [g.description],
    },
  ).filter((g) => byName.length === 0 || byName.includes(g.groupName));
  return {
    securityGroupInfo: itemSet(
      groups.map((g) => ({
        ownerId: ACCOUNT_ID,
        groupId: g.groupId,
        groupName: g.groupName,
        groupDescription: g.description,
        vpcId: g.vpcId,
        securityGroupArn: `arn:aws:ec2:${region.region}:${ACCOUNT_ID}:security-group/${g.groupId}`,
        ipPermissions: '',
        ipPermissionsEgress: itemSet([
          {
            ipProtocol: '-1',
            groups: '',
            ipRanges: itemSet([{ cidrIp: '0.0.0.0/0' }]),
            ipv6Ranges: '',
            prefixListIds: '',
          },
        ]),
        tagSet: '',
      })),
    ),
  };
};

export const describeInstanceTypes: Ec2Action = ({ params }) => {
  const wanted = params.list('InstanceType');
  const unknown = wanted.find((name) => !INSTANCE_TYPES.some((t) => t.name === name));
  if (unknown)
    throw new Ec2ApiError(
      'InvalidInstanceType',
      `The following supplied instance types do not exist: [${unknown}]`,
    );
  const parsed = parseFilters(params);
  const filters: Record<string, (t: (typeof INSTANCE_TYPES)[number]) => string[]> = {
    'instance-type': (t) => [t.name],
    'vcpu-info.default-vcpus': (t) => [String(t.vcpus)],
    'memory-info.size-in-mib': (t) => [String(t.memoryMiB)],
    'current-generation': () => ['true'],
    'burstable-performance-supported': (t) => [String(t.burstable)],
  };
  checkFilterNames(parsed, (name) => name in filters);
  const types = INSTANCE_TYPES.filter(
    (t) =>
      (wanted.length === 0 || wanted.includes(t.name)) &&
      matchesFilters(parsed, (name) => filters[name]?.(t)),
  );
  return {
    instanceTypeSet: itemSet(
      types.map((t) => ({
        instanceType: t.name,
        currentGeneration: true,
        freeTierEligible: t.name === 't3.micro',
        supportedUsageClasses: itemSet(['on-demand', 'spot']),
        supportedRootDeviceTypes: itemSet(['ebs']),
        supportedVirtualizationTypes: itemSet(['hvm']),
        bareMetal: false,
        hypervisor: 'nitro',
        processorInfo: { supportedArchitectures: itemSet(['x86_64']), sustainedClockSpeedInGhz: 3.1 },
        vCpuInfo: { defaultVCpus: t.vcpus, defaultCores: Math.max(1, t.vcpus / 2), defaultThreadsPerCore: 2 },
        memoryInfo: { sizeInMiB: t.memoryMiB },
        instanceStorageSupported: false,
        ebsInfo: { ebsOptimizedSupport: 'default', encryptionSupport: 'supported', nvmeSupport: 'required' },
        networkInfo: {
          networkPerformance: 'Up to 10 Gigabit',
          maximumNetworkInterfaces: 3,
          ipv6Supported: true,
        },
        burstablePerformanceSupported: t.burstable,
      })),
    ),
  };
};
