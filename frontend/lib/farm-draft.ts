// The farm form's state: the shared FarmSpec as a person edits it — numbers as the text typed,
// lists as comma-separated text, tags as `key=value` lines — and the conversions both ways.
// Validation is the API's own: `toSpecInput(draft)` goes through `FarmSpec.safeParse`, so the
// paths of its issues (`farmRoles.0.minInstances`) are the form's field names.
import type { Farm, FarmSpecInput, StoredFarmRole } from '../../functions/domain/schemas/farm';
import { lease, list, number, optionalText, tags } from './draft-text';
import {
  type CloudStackDraft,
  type OpenStackDraft,
  privateCloudDrafts,
  privateCloudSpec,
} from './private-cloud-draft';

export type Platform = FarmSpecInput['farmRoles'] extends (infer R)[] | undefined
  ? R extends { platform: infer P }
    ? P
    : never
  : never;

export interface VolumeDraft {
  key: string;
  sizeGiB: string;
  type: string;
  mountPoint: string;
  iops?: number;
  deleteOnTermination: boolean;
}

export interface FarmRoleDraft {
  key: string;
  id?: string;
  platform: Platform;
  alias: string;
  roleId: string;
  credentialsId: string;
  region: string;
  zones: string[];
  instanceType: string;
  fallbackInstanceTypes: string[];
  minInstances: string;
  maxInstances: string;
  scaleInOrder: 'newest-first' | 'oldest-first';
  launchOrder: string;
  launchTimeoutSec: string;
  initTimeoutSec: string;
  volumes: VolumeDraft[];
  tags: string;
  /** Rules and schedules as stored: the form has no Scaling tab yet, so a save keeps them as they are. */
  scaling?: StoredFarmRole['scaling'];
  aws: {
    vpcId: string;
    subnetIds: string;
    securityGroupIds: string;
    associatePublicIp: boolean;
    iamInstanceProfile: string;
  };
  gce: {
    network: string;
    subnetwork: string;
    networkTags: string;
    externalIp: boolean;
    serviceAccount: string;
  };
  openstack: OpenStackDraft;
  cloudstack: CloudStackDraft;
}

export interface FarmDraft {
  name: string;
  description: string;
  /** `datetime-local` text in the browser's zone; empty for no lease. */
  leaseExpiresAt: string;
  farmRoles: FarmRoleDraft[];
}

let counter = 0;
/** React keys for rows that have no id yet. */
export const draftKey = (prefix: string) => `${prefix}-${++counter}`;

/** OpenStack's `gp3` means the cloud's default volume type (the driver leaves it to Cinder). */
export const defaultVolumeType: Record<Platform, string> = {
  aws: 'gp3',
  gce: 'pd-balanced',
  openstack: 'gp3',
  // CloudStack's `gp3` means the first custom-size disk offering (the driver maps it).
  cloudstack: 'gp3',
};

export function emptyVolume(platform: Platform): VolumeDraft {
  return {
    key: draftKey('vol'),
    sizeGiB: '20',
    type: defaultVolumeType[platform],
    mountPoint: '',
    deleteOnTermination: true,
  };
}

export function emptyFarmRole(platform: Platform, alias: string, launchOrder = 0): FarmRoleDraft {
  return {
    key: draftKey('fr'),
    platform,
    alias,
    roleId: '',
    credentialsId: '',
    region: '',
    zones: [],
    instanceType: '',
    fallbackInstanceTypes: [],
    minInstances: '1',
    maxInstances: '2',
    scaleInOrder: 'newest-first',
    launchOrder: String(launchOrder),
    launchTimeoutSec: '900',
    initTimeoutSec: '1200',
    volumes: [],
    tags: '',
    aws: { vpcId: '', subnetIds: '', securityGroupIds: '', associatePublicIp: false, iamInstanceProfile: '' },
    gce: { network: 'default', subnetwork: '', networkTags: '', externalIp: false, serviceAccount: '' },
    openstack: { networks: '', securityGroups: '', keyName: '', serverGroup: '' },
    cloudstack: { networks: '', securityGroups: '', keyPair: '' },
  };
}

export function emptyFarm(): FarmDraft {
  return { name: '', description: '', leaseExpiresAt: '', farmRoles: [] };
}

/** `2030-01-31T09:30` in the browser's zone, what a datetime-local input shows. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function farmRoleDraft(fr: StoredFarmRole): FarmRoleDraft {
  const base = emptyFarmRole(fr.platform, fr.alias);
  return {
    ...base,
    id: fr.id,
    roleId: fr.roleId,
    credentialsId: fr.credentialsId,
    region: fr.region,
    zones: [...fr.zones],
    instanceType: fr.instanceType,
    fallbackInstanceTypes: [...fr.fallbackInstanceTypes],
    minInstances: String(fr.minInstances),
    maxInstances: String(fr.maxInstances),
    scaleInOrder: fr.scaleInOrder,
    launchOrder: String(fr.launchOrder),
    launchTimeoutSec: String(fr.launchTimeoutSec),
    initTimeoutSec: String(fr.initTimeoutSec),
    volumes: fr.volumes.map((v) => ({
      key: draftKey('vol'),
      sizeGiB: String(v.sizeGiB),
      type: v.type,
      mountPoint: v.mountPoint,
      iops: v.iops,
      deleteOnTermination: v.deleteOnTermination,
    })),
    tags: Object.entries(fr.tags)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
    ...(fr.scaling ? { scaling: fr.scaling } : {}),
    aws:
      fr.platform === 'aws'
        ? {
            vpcId: fr.network.vpcId ?? '',
            subnetIds: fr.network.subnetIds.join(', '),
            securityGroupIds: fr.network.securityGroupIds.join(', '),
            associatePublicIp: fr.network.associatePublicIp,
            iamInstanceProfile: fr.iamInstanceProfile ?? '',
          }
        : base.aws,
    gce:
      fr.platform === 'gce'
        ? {
            network: fr.network.network,
            subnetwork: fr.network.subnetwork ?? '',
            networkTags: fr.network.networkTags.join(', '),
            externalIp: fr.network.externalIp,
            serviceAccount: fr.serviceAccount ?? '',
          }
        : base.gce,
    ...privateCloudDrafts(fr, base),
  };
}

export function farmDraft(farm: Farm): FarmDraft {
  return {
    name: farm.name,
    description: farm.description,
    leaseExpiresAt: toLocalInput(farm.leaseExpiresAt),
    farmRoles: [...farm.farmRoles].sort((a, b) => a.launchOrder - b.launchOrder).map(farmRoleDraft),
  };
}

export function toSpecInput(draft: FarmDraft): FarmSpecInput {
  return {
    name: draft.name,
    description: draft.description,
    leaseExpiresAt: lease(draft.leaseExpiresAt),
    farmRoles: draft.farmRoles.map((fr) => {
      const common = {
        ...(fr.id ? { id: fr.id } : {}),
        roleId: fr.roleId,
        alias: fr.alias,
        credentialsId: fr.credentialsId,
        region: fr.region,
        zones: fr.zones,
        instanceType: fr.instanceType,
        fallbackInstanceTypes: fr.fallbackInstanceTypes,
        volumes: fr.volumes.map((v) => ({
          sizeGiB: number(v.sizeGiB) as number,
          type: v.type,
          mountPoint: v.mountPoint,
          ...(v.iops ? { iops: v.iops } : {}),
          deleteOnTermination: v.deleteOnTermination,
        })),
        minInstances: number(fr.minInstances) as number,
        maxInstances: number(fr.maxInstances) as number,
        scaleInOrder: fr.scaleInOrder,
        launchOrder: number(fr.launchOrder),
        launchTimeoutSec: number(fr.launchTimeoutSec),
        initTimeoutSec: number(fr.initTimeoutSec),
        tags: tags(fr.tags),
        ...(fr.scaling ? { scaling: fr.scaling } : {}),
      };
      if (fr.platform === 'aws') {
        const iamInstanceProfile = optionalText(fr.aws.iamInstanceProfile);
        return {
          platform: 'aws' as const,
          ...common,
          network: {
            ...(optionalText(fr.aws.vpcId) ? { vpcId: fr.aws.vpcId.trim() } : {}),
            subnetIds: list(fr.aws.subnetIds),
            securityGroupIds: list(fr.aws.securityGroupIds),
            associatePublicIp: fr.aws.associatePublicIp,
          },
          ...(iamInstanceProfile ? { iamInstanceProfile } : {}),
        };
      }
      const privateCloud = privateCloudSpec(fr);
      if (privateCloud) return { ...common, ...privateCloud };
      const serviceAccount = optionalText(fr.gce.serviceAccount);
      return {
        platform: 'gce' as const,
        ...common,
        network: {
          network: fr.gce.network.trim() || 'default',
          ...(optionalText(fr.gce.subnetwork) ? { subnetwork: fr.gce.subnetwork.trim() } : {}),
          networkTags: list(fr.gce.networkTags),
          externalIp: fr.gce.externalIp,
        },
        ...(serviceAccount ? { serviceAccount } : {}),
      };
    }),
  };
}
