// What the EC2 sandbox offers before anyone launches anything: regions with three zones,
// a default VPC with one default subnet per zone and a default security group per region,
// and a small instance-type catalogue. Ids are derived from the region so they are stable
// across restarts (the local runtime's seeded farm roles may reference them).
import { createHash } from 'node:crypto';

export const ACCOUNT_ID = '123456789012';

export interface InstanceTypeSpec {
  name: string;
  vcpus: number;
  memoryMiB: number;
  burstable: boolean;
}

export const INSTANCE_TYPES: InstanceTypeSpec[] = [
  { name: 't3.nano', vcpus: 2, memoryMiB: 512, burstable: true },
  { name: 't3.micro', vcpus: 2, memoryMiB: 1024, burstable: true },
  { name: 't3.small', vcpus: 2, memoryMiB: 2048, burstable: true },
  { name: 't3.medium', vcpus: 2, memoryMiB: 4096, burstable: true },
  { name: 't3.large', vcpus: 2, memoryMiB: 8192, burstable: true },
  { name: 'm5.large', vcpus: 2, memoryMiB: 8192, burstable: false },
  { name: 'm5.xlarge', vcpus: 4, memoryMiB: 16384, burstable: false },
  { name: 'c5.large', vcpus: 2, memoryMiB: 4096, burstable: false },
  { name: 'c5.xlarge', vcpus: 4, memoryMiB: 8192, burstable: false },
  { name: 'r5.large', vcpus: 2, memoryMiB: 16384, burstable: false },
];

export interface Subnet {
  subnetId: string;
  vpcId: string;
  zone: string;
  zoneId: string;
  cidrBlock: string;
  defaultForAz: boolean;
  mapPublicIpOnLaunch: boolean;
}

export interface SecurityGroup {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
}

export interface Vpc {
  vpcId: string;
  cidrBlock: string;
  isDefault: boolean;
}

export interface RegionCatalog {
  region: string;
  zones: { name: string; zoneId: string }[];
  vpc: Vpc;
  subnets: Subnet[];
  securityGroups: SecurityGroup[];
}

const REGION_CODES: Record<string, string> = {
  'us-east-1': 'use1',
  'us-west-2': 'usw2',
  'eu-west-1': 'euw1',
};

function idFor(prefix: string, seed: string): string {
  return `${prefix}-${createHash('sha1').update(seed).digest('hex').slice(0, 17)}`;
}

function regionCatalog(region: string, index: number): RegionCatalog {
  const vpcId = idFor('vpc', `${region}/default`);
  const zones = ['a', 'b', 'c'].map((letter, i) => ({
    name: `${region}${letter}`,
    zoneId: `${REGION_CODES[region]}-az${i + 1}`,
  }));
  return {
    region,
    zones,
    vpc: { vpcId, cidrBlock: `172.${31 - index}.0.0/16`, isDefault: true },
    subnets: zones.map((z, i) => ({
      subnetId: idFor('subnet', `${region}/${z.name}`),
      vpcId,
      zone: z.name,
      zoneId: z.zoneId,
      cidrBlock: `172.${31 - index}.${i * 16}.0/20`,
      defaultForAz: true,
      mapPublicIpOnLaunch: true,
    })),
    securityGroups: [
      {
        groupId: idFor('sg', `${region}/default`),
        groupName: 'default',
        description: 'default VPC security group',
        vpcId,
      },
      {
        groupId: idFor('sg', `${region}/web`),
        groupName: 'web',
        description: 'HTTP and HTTPS from anywhere',
        vpcId,
      },
    ],
  };
}

export const REGIONS: RegionCatalog[] = Object.keys(REGION_CODES).map(regionCatalog);

export function regionNamed(region: string): RegionCatalog | undefined {
  return REGIONS.find((r) => r.region === region);
}

export function instanceTypeNamed(name: string): InstanceTypeSpec | undefined {
  return INSTANCE_TYPES.find((t) => t.name === name);
}
