// The JSON resources the sandbox answers with, in Compute Engine v1's shapes
// (compute#instance, compute#operation, compute#region, …). Links point back at the sandbox.
import { catalogueId, DEFAULT_NETWORK, type MachineTypeInfo, type RegionInfo } from './catalogue';
import type { InstanceRecord } from './instance-record';
import type { OperationRecord } from './operations';

export type Json = Record<string, unknown>;

export class Links {
  constructor(readonly base: string) {}
  project(project: string): string {
    return `${this.base}/compute/v1/projects/${project}`;
  }
  zone(project: string, zone: string): string {
    return `${this.project(project)}/zones/${zone}`;
  }
  region(project: string, region: string): string {
    return `${this.project(project)}/regions/${region}`;
  }
  instance(project: string, zone: string, name: string): string {
    return `${this.zone(project, zone)}/instances/${name}`;
  }
  network(project: string, name: string): string {
    return `${this.project(project)}/global/networks/${name}`;
  }
  subnetwork(project: string, region: string, name: string): string {
    return `${this.region(project, region)}/subnetworks/${name}`;
  }
}

const rendered = new WeakMap<InstanceRecord, { revision: number; base: string; json: Json }>();

/** Lists render every instance of a project; caching by revision keeps large lists cheap. */
export function instanceJson(r: InstanceRecord, links: Links): Json {
  const cached = rendered.get(r);
  if (cached && cached.revision === r.revision && cached.base === links.base) return cached.json;
  const json = renderInstance(r, links);
  rendered.set(r, { revision: r.revision, base: links.base, json });
  return json;
}

function renderInstance(r: InstanceRecord, links: Links): Json {
  const zoneLink = links.zone(r.project, r.zone);
  return {
    kind: 'compute#instance',
    id: r.id,
    creationTimestamp: r.creationTimestamp,
    name: r.name,
    description: r.description,
    tags: { items: r.networkTags, fingerprint: r.fingerprint },
    machineType: `${zoneLink}/machineTypes/${r.machineType}`,
    status: r.status,
    zone: zoneLink,
    canIpForward: false,
    networkInterfaces: [
      {
        kind: 'compute#networkInterface',
        network: links.network(r.project, r.network),
        subnetwork: links.subnetwork(r.project, r.region, r.subnetwork),
        networkIP: r.networkIP,
        name: 'nic0',
        fingerprint: r.fingerprint,
        stackType: 'IPV4_ONLY',
        ...(r.externalIp && {
          accessConfigs: [
            {
              kind: 'compute#accessConfig',
              type: 'ONE_TO_ONE_NAT',
              name: 'External NAT',
              networkTier: 'PREMIUM',
              // An ephemeral address exists only while the instance runs.
              ...(r.natIP && { natIP: r.natIP }),
            },
          ],
        }),
      },
    ],
    disks: r.disks.map((d, index) => ({
      kind: 'compute#attachedDisk',
      type: 'PERSISTENT',
      mode: 'READ_WRITE',
      source: `${zoneLink}/disks/${d.boot ? r.name : `${r.name}-${d.deviceName}`}`,
      deviceName: d.deviceName,
      index,
      boot: d.boot,
      autoDelete: d.autoDelete,
      interface: 'SCSI',
      diskSizeGb: String(d.diskSizeGb),
      architecture: 'X86_64',
    })),
    metadata: { kind: 'compute#metadata', fingerprint: r.fingerprint, items: r.metadata },
    serviceAccounts: r.serviceAccounts,
    selfLink: links.instance(r.project, r.zone, r.name),
    scheduling: {
      onHostMaintenance: 'MIGRATE',
      automaticRestart: true,
      preemptible: false,
      provisioningModel: 'STANDARD',
    },
    cpuPlatform: r.status === 'RUNNING' ? 'Intel Broadwell' : 'Unknown CPU Platform',
    labels: r.labels,
    labelFingerprint: r.fingerprint,
    startRestricted: false,
    deletionProtection: false,
    fingerprint: r.fingerprint,
    ...(r.lastStartTimestamp && { lastStartTimestamp: r.lastStartTimestamp }),
    ...(r.lastStopTimestamp && { lastStopTimestamp: r.lastStopTimestamp }),
  };
}

export function operationJson(op: OperationRecord, links: Links): Json {
  const zoneLink = links.zone(op.project, op.zone);
  return {
    kind: 'compute#operation',
    id: op.id,
    name: op.name,
    zone: zoneLink,
    operationType: op.operationType,
    targetLink: links.instance(op.project, op.zone, op.targetName),
    targetId: op.targetId,
    status: op.status,
    user: op.user,
    progress: op.status === 'DONE' ? 100 : 0,
    insertTime: op.insertTime,
    startTime: op.startTime,
    ...(op.endTime && { endTime: op.endTime }),
    ...(op.error && { error: { errors: op.error } }),
    ...(op.httpErrorStatusCode && {
      httpErrorStatusCode: op.httpErrorStatusCode,
      httpErrorMessage: op.httpErrorMessage,
    }),
    selfLink: `${zoneLink}/operations/${op.name}`,
  };
}

export function regionJson(project: string, region: RegionInfo, links: Links): Json {
  return {
    kind: 'compute#region',
    id: catalogueId(region.name),
    creationTimestamp: '1969-12-31T16:00:00.000-08:00',
    name: region.name,
    description: region.name,
    status: 'UP',
    zones: region.zones.map((z) => links.zone(project, z)),
    quotas: [{ metric: 'CPUS', limit: 2400, usage: 0 }],
    selfLink: links.region(project, region.name),
    supportsPzs: false,
  };
}

export function zoneJson(project: string, region: RegionInfo, zone: string, links: Links): Json {
  return {
    kind: 'compute#zone',
    id: catalogueId(zone),
    creationTimestamp: '1969-12-31T16:00:00.000-08:00',
    name: zone,
    description: zone,
    status: 'UP',
    region: links.region(project, region.name),
    selfLink: links.zone(project, zone),
    availableCpuPlatforms: ['Intel Broadwell', 'Intel Cascade Lake', 'AMD Milan'],
    supportsPzs: false,
  };
}

export function machineTypeJson(project: string, zone: string, m: MachineTypeInfo, links: Links): Json {
  return {
    kind: 'compute#machineType',
    id: catalogueId(m.name),
    creationTimestamp: '1969-12-31T16:00:00.000-08:00',
    name: m.name,
    description: m.description,
    guestCpus: m.guestCpus,
    memoryMb: m.memoryMb,
    imageSpaceGb: 0,
    maximumPersistentDisks: 128,
    maximumPersistentDisksSizeGb: '263168',
    zone,
    selfLink: `${links.zone(project, zone)}/machineTypes/${m.name}`,
    isSharedCpu: m.isSharedCpu,
    architecture: 'X86_64',
  };
}

export function networkJson(project: string, links: Links, subnetworks: string[]): Json {
  return {
    kind: 'compute#network',
    id: catalogueId(`${project}/${DEFAULT_NETWORK}`),
    creationTimestamp: '2020-01-01T00:00:00.000-08:00',
    name: DEFAULT_NETWORK,
    description: 'Default network for the project',
    selfLink: links.network(project, DEFAULT_NETWORK),
    autoCreateSubnetworks: true,
    subnetworks,
    routingConfig: { routingMode: 'REGIONAL' },
    networkFirewallPolicyEnforcementOrder: 'AFTER_CLASSIC_FIREWALL',
  };
}

export function subnetworkJson(project: string, region: RegionInfo, links: Links): Json {
  return {
    kind: 'compute#subnetwork',
    id: catalogueId(`${project}/${region.name}/${DEFAULT_NETWORK}`),
    creationTimestamp: '2020-01-01T00:00:00.000-08:00',
    name: DEFAULT_NETWORK,
    network: links.network(project, DEFAULT_NETWORK),
    ipCidrRange: `${region.cidrPrefix}.0.0/20`,
    gatewayAddress: `${region.cidrPrefix}.0.1`,
    region: links.region(project, region.name),
    selfLink: links.subnetwork(project, region.name, DEFAULT_NETWORK),
    privateIpGoogleAccess: false,
    stackType: 'IPV4_ONLY',
    purpose: 'PRIVATE',
  };
}
