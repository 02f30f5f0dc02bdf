// LaunchSpec → Nova's create body, and a Nova server → ObservedInstance.
// Nova filters servers by tags (all of them, `?tags=a,b`), not by metadata, so Drover's ids go in
// as tags `drover-farm=farm-…` (observation is a filtered list); every tag of the spec, Drover's
// and the farm role's, goes in the metadata too, which is what people see and what is read back.
import { DROVER_TAG_KEYS, type LaunchSpec, type LaunchVolume } from '../../../domain/clouds/launch-spec';
import type { InstanceState, ObservedInstance } from '../../../domain/clouds/observed-instance';
import type { InstanceFilter } from '../../../ports/cloud-driver';
import type { BlockDeviceMapping, Server, ServerCreate } from './client/wire/nova';

/** Nova limits metadata keys and values to 255 characters. */
const METADATA_MAX = 255;
/** EBS volume types a farm role defaults to mean the cloud's default volume type on OpenStack. */
const EBS_TYPES = new Set(['gp2', 'gp3', 'io1', 'io2', 'standard', 'st1', 'sc1']);

/** The Nova tag carrying one of Drover's ids (well under Nova's 60 characters, no `/` or `,`). */
export const droverTag = (key: string, value: string) => `${key}=${value}`;

/** The tags a listing must match for `filter` (Nova's `tags` query: every one of them). */
export function filterTags(filter: InstanceFilter): string[] {
  const tags: string[] = [];
  for (const [field, key] of Object.entries(DROVER_TAG_KEYS) as [keyof InstanceFilter, string][]) {
    const value = filter[field];
    if (value !== undefined) tags.push(droverTag(key, value));
  }
  return tags;
}

function dataVolume(volume: LaunchVolume, index: number): BlockDeviceMapping {
  return {
    source_type: 'blank',
    destination_type: 'volume',
    boot_index: -1,
    volume_size: volume.sizeGiB,
    ...(EBS_TYPES.has(volume.type) ? {} : { volume_type: volume.type }),
    delete_on_termination: volume.deleteOnTermination,
    tag: `data-${index}`,
  };
}

export interface ResolvedPlacement {
  flavorId: string;
  /** Network ids (names already resolved); empty: `auto`. */
  networkIds: string[];
}

export function serverCreateBody(spec: LaunchSpec, placement: ResolvedPlacement): ServerCreate {
  const os = spec.openstack;
  const tags = Object.values(DROVER_TAG_KEYS)
    .filter((key) => spec.tags[key] !== undefined)
    .map((key) => droverTag(key, spec.tags[key] as string));
  const metadata = Object.fromEntries(
    Object.entries(spec.tags).map(([k, v]) => [k.slice(0, METADATA_MAX), v.slice(0, METADATA_MAX)]),
  );
  return {
    server: {
      // The server id is the name: Nova has no client token, so the name is how a launch finds its server again.
      name: spec.serverId,
      description: spec.name.slice(0, 255),
      imageRef: spec.imageId,
      flavorRef: placement.flavorId,
      availability_zone: spec.zone,
      networks: placement.networkIds.length > 0 ? placement.networkIds.map((uuid) => ({ uuid })) : 'auto',
      ...(os?.securityGroups.length ? { security_groups: os.securityGroups.map((name) => ({ name })) } : {}),
      ...(os?.keyName ? { key_name: os.keyName } : {}),
      ...(spec.userData !== undefined
        ? { user_data: Buffer.from(spec.userData, 'utf8').toString('base64') }
        : {}),
      metadata,
      tags,
      ...(spec.volumes.length > 0
        ? {
            block_device_mapping_v2: [
              {
                boot_index: 0,
                uuid: spec.imageId,
                source_type: 'image',
                destination_type: 'local',
                delete_on_termination: true,
              },
              ...spec.volumes.map(dataVolume),
            ],
          }
        : {}),
    },
    ...(os?.serverGroup ? { 'os:scheduler_hints': { group: os.serverGroup } } : {}),
  };
}

/** Nova's status (and task) in the port's vocabulary. ERROR is a server that exists and does not run. */
export function stateOf(server: Server): InstanceState {
  const task = server['OS-EXT-STS:task_state'] ?? null;
  if (task === 'deleting' || server.status === 'DELETED' || server.status === 'SOFT_DELETED')
    return task === 'deleting' ? 'shutting-down' : 'terminated';
  if (task === 'powering-off') return 'stopping';
  if (task === 'powering-on') return 'pending';
  switch (server.status) {
    case 'BUILD':
      return 'pending';
    case 'ACTIVE':
    case 'REBOOT':
    case 'HARD_REBOOT':
    case 'PASSWORD':
    case 'MIGRATING':
    case 'RESIZE':
    case 'VERIFY_RESIZE':
    case 'REVERT_RESIZE':
    case 'REBUILD':
      return 'running';
    default:
      return 'stopped';
  }
}

function addressOf(server: Server, type: 'fixed' | 'floating'): string | null {
  for (const addresses of Object.values(server.addresses))
    for (const a of addresses)
      if (a.version === 4 && (a['OS-EXT-IPS:type'] ?? 'fixed') === type) return a.addr;
  return null;
}

export function observedInstance(server: Server, region: string): ObservedInstance {
  const observed: ObservedInstance = {
    instanceId: server.id,
    platform: 'openstack',
    region,
    zone: server['OS-EXT-AZ:availability_zone'],
    state: stateOf(server),
    instanceType: server.flavor.original_name,
    imageId: server.image === '' ? '' : server.image.id,
    privateIp: addressOf(server, 'fixed'),
    publicIp: addressOf(server, 'floating'),
    launchedAt: server.created,
    tags: { ...server.metadata },
  };
  for (const [field, key] of Object.entries(DROVER_TAG_KEYS) as [keyof typeof DROVER_TAG_KEYS, string][]) {
    const value = server.metadata[key];
    if (value !== undefined) observed[field] = value;
  }
  return observed;
}

/** Servers of one launch (the same name), oldest first: the first is kept, the rest are duplicates. */
export function oldestFirst(servers: Server[]): Server[] {
  return [...servers].sort((a, b) =>
    a.created === b.created ? a.id.localeCompare(b.id) : a.created < b.created ? -1 : 1,
  );
}

/** Nova's `name` filter is a regular expression: this one matches the name exactly. */
export const exactName = (name: string) => `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
