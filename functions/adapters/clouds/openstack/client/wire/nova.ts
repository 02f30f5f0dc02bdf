// Nova (compute API v2.1, microversion 2.79) wire shapes: servers and their actions, tags,
// metadata, flavors, availability zones, server groups, key pairs, and the error body Nova sends.
// Zod only (shared with the sandbox; see keystone.ts).
import { z } from 'zod';

/** The microversion Drover speaks: server tags in the create body (2.52), `delete_on_termination` listed (2.79). */
export const NOVA_MICROVERSION = '2.79';
export const NOVA_MIN_MICROVERSION = '2.1';
export const MICROVERSION_HEADER = 'openstack-api-version';
export const LEGACY_MICROVERSION_HEADER = 'x-openstack-nova-api-version';

/** Nova's limits on a server tag: 60 characters, no `/` and no `,` (the list filter's separator). */
export const SERVER_TAG_MAX = 60;
export const SERVER_TAG_PATTERN = /^[^/,]{1,60}$/;

export const BlockDeviceMapping = z.object({
  boot_index: z.union([z.number().int(), z.null()]).optional(),
  uuid: z.string().optional(),
  source_type: z.enum(['image', 'volume', 'snapshot', 'blank']),
  destination_type: z.enum(['local', 'volume']).optional(),
  volume_size: z.number().int().positive().optional(),
  volume_type: z.string().optional(),
  delete_on_termination: z.boolean().optional(),
  device_name: z.string().optional(),
  tag: z.string().optional(),
});
export type BlockDeviceMapping = z.infer<typeof BlockDeviceMapping>;

export const ServerNetworkRequest = z.union([
  z.object({ uuid: z.string().min(1), fixed_ip: z.string().optional(), tag: z.string().optional() }),
  z.object({ port: z.string().min(1), tag: z.string().optional() }),
]);

export const ServerCreate = z.object({
  server: z.object({
    name: z.string().min(1).max(255),
    imageRef: z.string().optional(),
    flavorRef: z.string().min(1),
    availability_zone: z.string().optional(),
    networks: z.union([z.array(ServerNetworkRequest), z.enum(['auto', 'none'])]).optional(),
    security_groups: z.array(z.object({ name: z.string().min(1) })).optional(),
    key_name: z.string().optional(),
    /** Base64, at most 65535 bytes encoded. */
    user_data: z.string().max(65535).optional(),
    metadata: z.record(z.string().max(255), z.string().max(255)).optional(),
    tags: z.array(z.string().regex(SERVER_TAG_PATTERN)).max(50).optional(),
    block_device_mapping_v2: z.array(BlockDeviceMapping).optional(),
    min_count: z.number().int().positive().optional(),
    max_count: z.number().int().positive().optional(),
    description: z.string().max(255).nullable().optional(),
  }),
  'os:scheduler_hints': z.looseObject({ group: z.string().optional() }).optional(),
});
export type ServerCreate = z.infer<typeof ServerCreate>;

export const Link = z.looseObject({ rel: z.string(), href: z.string() });

export const ServerCreated = z.object({
  server: z.looseObject({ id: z.string(), links: z.array(Link).default([]) }),
});

export const ServerAddress = z.looseObject({
  addr: z.string(),
  version: z.number(),
  'OS-EXT-IPS:type': z.enum(['fixed', 'floating']).optional(),
  'OS-EXT-IPS-MAC:mac_addr': z.string().optional(),
});

export const ServerStatus = z.enum([
  'ACTIVE',
  'BUILD',
  'DELETED',
  'ERROR',
  'HARD_REBOOT',
  'MIGRATING',
  'PASSWORD',
  'PAUSED',
  'REBOOT',
  'REBUILD',
  'RESCUE',
  'RESIZE',
  'REVERT_RESIZE',
  'SHELVED',
  'SHELVED_OFFLOADED',
  'SHUTOFF',
  'SOFT_DELETED',
  'SUSPENDED',
  'UNKNOWN',
  'VERIFY_RESIZE',
]);
export type ServerStatus = z.infer<typeof ServerStatus>;

export const Server = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: ServerStatus,
  tenant_id: z.string().optional(),
  user_id: z.string().optional(),
  created: z.string(),
  updated: z.string().optional(),
  metadata: z.record(z.string(), z.string()).default({}),
  tags: z.array(z.string()).default([]),
  addresses: z.record(z.string(), z.array(ServerAddress)).default({}),
  /** Since 2.47 the flavor is embedded (no id). */
  flavor: z.looseObject({
    original_name: z.string(),
    vcpus: z.number().optional(),
    ram: z.number().optional(),
    disk: z.number().optional(),
  }),
  /** `""` when the server booted from a volume. */
  image: z.union([z.looseObject({ id: z.string() }), z.literal('')]),
  key_name: z.string().nullable().optional(),
  'OS-EXT-AZ:availability_zone': z.string().default(''),
  'OS-EXT-STS:vm_state': z.string().optional(),
  'OS-EXT-STS:task_state': z.string().nullable().optional(),
  'OS-EXT-STS:power_state': z.number().optional(),
  fault: z.looseObject({ code: z.number(), message: z.string(), created: z.string().optional() }).optional(),
  links: z.array(Link).default([]),
});
export type Server = z.infer<typeof Server>;

export const ServerOne = z.object({ server: Server });
export const ServerList = z.object({
  servers: z.array(Server),
  servers_links: z.array(Link).optional(),
});

/** `POST /servers/{id}/action`: the actions Drover uses. */
export const ServerAction = z.union([
  z.object({ 'os-stop': z.null() }),
  z.object({ 'os-start': z.null() }),
  z.object({ reboot: z.object({ type: z.enum(['SOFT', 'HARD']) }) }),
]);
export type ServerAction = z.infer<typeof ServerAction>;

export const Tags = z.object({ tags: z.array(z.string()) });
export const Metadata = z.object({ metadata: z.record(z.string(), z.string()) });

export const Flavor = z.looseObject({
  id: z.string(),
  name: z.string(),
  vcpus: z.number(),
  ram: z.number(),
  disk: z.number(),
  'OS-FLV-EXT-DATA:ephemeral': z.number().default(0),
  swap: z.union([z.number(), z.literal('')]).default(''),
  'os-flavor-access:is_public': z.boolean().default(true),
  description: z.string().nullable().optional(),
});
export type Flavor = z.infer<typeof Flavor>;
export const FlavorList = z.object({ flavors: z.array(Flavor), flavors_links: z.array(Link).optional() });
export const FlavorOne = z.object({ flavor: Flavor });

export const AvailabilityZoneList = z.object({
  availabilityZoneInfo: z.array(
    z.looseObject({
      zoneName: z.string(),
      zoneState: z.object({ available: z.boolean() }),
      hosts: z.null().or(z.record(z.string(), z.unknown())),
    }),
  ),
});

export const ServerGroup = z.looseObject({
  id: z.string(),
  name: z.string(),
  policy: z.enum(['affinity', 'anti-affinity', 'soft-affinity', 'soft-anti-affinity']),
  members: z.array(z.string()).default([]),
});
export const ServerGroupList = z.object({ server_groups: z.array(ServerGroup) });
export const ServerGroupCreate = z.object({
  server_group: z.object({ name: z.string().min(1), policy: ServerGroup.shape.policy }),
});
export const ServerGroupOne = z.object({ server_group: ServerGroup });

export const KeyPair = z.looseObject({
  name: z.string(),
  public_key: z.string(),
  fingerprint: z.string(),
  type: z.enum(['ssh', 'x509']).default('ssh'),
});
export const KeyPairList = z.object({ keypairs: z.array(z.object({ keypair: KeyPair })) });
export const KeyPairCreate = z.object({
  keypair: z.object({ name: z.string().min(1), public_key: z.string().min(1), type: z.string().optional() }),
});
export const KeyPairOne = z.object({ keypair: KeyPair });

/**
 * Nova's error body: one key naming the fault (`itemNotFound`, `badRequest`, `forbidden`,
 * `conflictingRequest`, `overLimit`, `computeFault`…) around `{code, message}`.
 */
export const NovaErrorBody = z.record(z.string(), z.looseObject({ code: z.number(), message: z.string() }));
