// LaunchSpec → a Compute `Instance` resource, and a listed `Instance` → ObservedInstance.
import type { protos } from '@google-cloud/compute';
import { DROVER_TAG_KEYS, type LaunchSpec, type LaunchVolume } from '../../../domain/clouds/launch-spec';
import type { InstanceState, ObservedInstance } from '../../../domain/clouds/observed-instance';
import { labelsFromTags } from './labels';

type Instance = protos.google.cloud.compute.v1.IInstance;
type AttachedDisk = protos.google.cloud.compute.v1.IAttachedDisk;

/** GCE keeps no image reference on the instance, so the driver records the one it launched from. */
export const IMAGE_METADATA_KEY = 'drover-image';
const STARTUP_SCRIPT_KEY = 'startup-script';

/**
 * Farm roles default their volumes to EBS names (`gp3`); on GCE those mean the nearest disk type.
 * GCE names (pd-balanced, pd-ssd, hyperdisk-…) pass through unchanged.
 */
const EBS_TO_GCE_DISK: Record<string, string> = {
  gp2: 'pd-balanced',
  gp3: 'pd-balanced',
  io1: 'pd-ssd',
  io2: 'pd-ssd',
  standard: 'pd-standard',
  st1: 'pd-standard',
  sc1: 'pd-standard',
};

export const gceDiskType = (type: string): string => EBS_TO_GCE_DISK[type] ?? type;

const lastSegment = (url: string | null | undefined): string => (url ?? '').split('/').pop() ?? '';
export const regionOfZone = (zone: string): string => zone.replace(/-[a-z]$/, '');

function dataDisk(volume: LaunchVolume, zone: string, index: number): AttachedDisk {
  const diskType = gceDiskType(volume.type);
  const provisioned = volume.iops !== undefined && /^(pd-extreme|hyperdisk-)/.test(diskType);
  return {
    boot: false,
    autoDelete: volume.deleteOnTermination,
    deviceName: `data-${index}`,
    initializeParams: {
      diskSizeGb: volume.sizeGiB,
      diskType: `zones/${zone}/diskTypes/${diskType}`,
      ...(provisioned && { provisionedIops: volume.iops }),
    },
  };
}

export function instanceResource(spec: LaunchSpec): Instance {
  const gce = spec.gce ?? { network: 'default', networkTags: [], externalIp: false };
  const metadata = [{ key: IMAGE_METADATA_KEY, value: spec.imageId }];
  if (spec.userData !== undefined) metadata.push({ key: STARTUP_SCRIPT_KEY, value: spec.userData });
  return {
    // Server ids are lowercase `srv-<ulid>`: valid instance names, and unique per zone as GCE requires.
    name: spec.serverId,
    description: spec.name,
    machineType: `zones/${spec.zone}/machineTypes/${spec.instanceType}`,
    labels: labelsFromTags(spec.tags),
    tags: { items: gce.networkTags },
    metadata: { items: metadata },
    disks: [
      { boot: true, autoDelete: true, deviceName: 'boot', initializeParams: { sourceImage: spec.imageId } },
      ...spec.volumes.map((v, i) => dataDisk(v, spec.zone, i)),
    ],
    networkInterfaces: [
      {
        network: gce.network.includes('/') ? gce.network : `global/networks/${gce.network}`,
        ...(gce.subnetwork && {
          subnetwork: gce.subnetwork.includes('/')
            ? gce.subnetwork
            : `regions/${spec.region}/subnetworks/${gce.subnetwork}`,
        }),
        ...(gce.externalIp && { accessConfigs: [{ name: 'External NAT', type: 'ONE_TO_ONE_NAT' }] }),
      },
    ],
    ...(gce.serviceAccount && {
      serviceAccounts: [
        { email: gce.serviceAccount, scopes: ['https://www.googleapis.com/auth/cloud-platform'] },
      ],
    }),
  };
}

/** GCE statuses in the port's vocabulary; TERMINATED is GCE's word for a stopped instance. */
export function stateOf(status: string | null | undefined): InstanceState {
  switch (status) {
    case 'PROVISIONING':
    case 'STAGING':
    case 'REPAIRING':
      return 'pending';
    case 'RUNNING':
      return 'running';
    case 'STOPPING':
    case 'SUSPENDING':
      return 'stopping';
    case 'TERMINATED':
    case 'SUSPENDED':
    case 'STOPPED':
      return 'stopped';
    default:
      return 'pending';
  }
}

export function observedInstance(instance: Instance): ObservedInstance {
  const zone = lastSegment(instance.zone);
  const labels: Record<string, string> = { ...(instance.labels ?? {}) };
  const nic = instance.networkInterfaces?.[0];
  const image = instance.metadata?.items?.find((i) => i.key === IMAGE_METADATA_KEY)?.value;
  const observed: ObservedInstance = {
    instanceId: instance.name ?? '',
    platform: 'gce',
    region: regionOfZone(zone),
    zone,
    state: stateOf(instance.status),
    instanceType: lastSegment(instance.machineType),
    imageId: image ?? '',
    privateIp: nic?.networkIP ?? null,
    publicIp: nic?.accessConfigs?.find((a) => a.natIP)?.natIP ?? null,
    launchedAt: instance.creationTimestamp ?? new Date(0).toISOString(),
    tags: labels,
  };
  for (const [field, key] of Object.entries(DROVER_TAG_KEYS) as [keyof typeof DROVER_TAG_KEYS, string][]) {
    const value = labels[key];
    if (value !== undefined) observed[field] = value;
  }
  return observed;
}
