// Nova's version documents and what it lists beside servers: flavors, availability zones,
// server groups, key pairs and limits.
import { createHash, randomUUID } from 'node:crypto';
import {
  NOVA_MICROVERSION,
  NOVA_MIN_MICROVERSION,
} from '../../../functions/adapters/clouds/openstack/client/wire/nova';
import { type ApiAnswer, jsonAnswer } from '../../core/sandbox-server';
import { FLAVORS, findRegion } from '../catalogue';
import { badRequest, conflictingRequest, itemNotFound } from '../errors';
import { safeJson, serviceRoot } from '../identity';
import type { Route, RouteContext } from '../router';

const C = '/compute/{region}/v2.1';

function novaVersion(ctx: RouteContext) {
  return {
    id: 'v2.1',
    status: 'CURRENT',
    version: NOVA_MICROVERSION,
    min_version: NOVA_MIN_MICROVERSION,
    updated: '2013-07-23T11:33:21Z',
    links: [{ rel: 'self', href: `${serviceRoot.compute(ctx.base, ctx.params.region as string)}/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }],
  };
}

function flavorJson(ctx: RouteContext, f: (typeof FLAVORS)[number]) {
  const self = `${serviceRoot.compute(ctx.base, ctx.region)}/flavors/${f.id}`;
  return {
    id: f.id,
    name: f.name,
    vcpus: f.vcpus,
    ram: f.ram,
    disk: f.disk,
    'OS-FLV-EXT-DATA:ephemeral': 0,
    'OS-FLV-DISABLED:disabled': false,
    swap: 0,
    rxtx_factor: 1.0,
    'os-flavor-access:is_public': true,
    description: null,
    extra_specs: {},
    links: [
      { rel: 'self', href: self },
      { rel: 'bookmark', href: self },
    ],
  };
}

function zones(ctx: RouteContext): ApiAnswer {
  const region = findRegion(ctx.region);
  return jsonAnswer(200, {
    availabilityZoneInfo: (region?.zones ?? []).map((zoneName) => ({
      zoneName,
      zoneState: { available: true },
      hosts: null,
    })),
  });
}

function importKeyPair(ctx: RouteContext): ApiAnswer {
  const { keypair } = safeJson(ctx.body) as {
    keypair?: { name?: string; public_key?: string; type?: string };
  };
  if (!keypair?.name)
    throw badRequest("Invalid input for field/attribute keypair. Value: 'name' is a required property");
  if (ctx.state.keyPairs.has(keypair.name))
    throw conflictingRequest(`Key pair '${keypair.name}' already exists.`);
  const publicKey =
    keypair.public_key ?? `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${randomUUID().replace(/-/g, '')} sandbox`;
  const fingerprint = (createHash('md5').update(publicKey).digest('hex').match(/../g) ?? []).join(':');
  const record = { name: keypair.name, public_key: publicKey, fingerprint, type: keypair.type ?? 'ssh' };
  ctx.state.keyPairs.set(record.name, record);
  return jsonAnswer(200, { keypair: { ...record, user_id: ctx.scope.userId } });
}

function createServerGroup(ctx: RouteContext): ApiAnswer {
  const { server_group: g } = safeJson(ctx.body) as { server_group?: { name?: string; policy?: string } };
  if (!g?.name || !g.policy)
    throw badRequest(
      "Invalid input for field/attribute server_group. Value: 'policy' is a required property",
    );
  const record = {
    id: randomUUID(),
    name: g.name,
    policy: g.policy,
    members: [] as string[],
    projectId: ctx.scope.projectId,
  };
  ctx.state.serverGroups.set(record.id, record);
  return jsonAnswer(200, { server_group: serverGroupJson(record) });
}

const serverGroupJson = (g: {
  id: string;
  name: string;
  policy: string;
  members: string[];
  projectId: string;
}) => ({
  id: g.id,
  name: g.name,
  policy: g.policy,
  rules: {},
  members: g.members,
  project_id: g.projectId,
  user_id: '',
});

export const computeCatalogueRoutes: Route[] = [
  {
    method: 'GET',
    path: '/compute/{region}',
    action: 'compute.versions',
    anonymous: true,
    handle: (ctx) => jsonAnswer(200, { versions: [novaVersion(ctx)] }),
  },
  {
    method: 'GET',
    path: C,
    action: 'compute.version',
    anonymous: true,
    handle: (ctx) => jsonAnswer(200, { version: novaVersion(ctx) }),
  },
  {
    method: 'GET',
    path: `${C}/flavors`,
    action: 'flavors.list',
    handle: (ctx) =>
      jsonAnswer(200, {
        flavors: FLAVORS.map((f) => ({
          id: f.id,
          name: f.name,
          description: null,
          links: flavorJson(ctx, f).links,
        })),
      }),
  },
  {
    method: 'GET',
    path: `${C}/flavors/detail`,
    action: 'flavors.list',
    handle: (ctx) => jsonAnswer(200, { flavors: FLAVORS.map((f) => flavorJson(ctx, f)) }),
  },
  {
    method: 'GET',
    path: `${C}/flavors/{id}`,
    action: 'flavors.get',
    handle: (ctx) => {
      const flavor = FLAVORS.find((f) => f.id === ctx.params.id);
      if (!flavor) throw itemNotFound(`Flavor ${ctx.params.id} could not be found.`);
      return jsonAnswer(200, { flavor: flavorJson(ctx, flavor) });
    },
  },
  {
    method: 'GET',
    path: `${C}/flavors/{id}/os-extra_specs`,
    action: 'flavors.extraSpecs',
    handle: () => jsonAnswer(200, { extra_specs: {} }),
  },
  { method: 'GET', path: `${C}/os-availability-zone`, action: 'availabilityZones.list', handle: zones },
  {
    method: 'GET',
    path: `${C}/os-availability-zone/detail`,
    action: 'availabilityZones.list',
    handle: zones,
  },
  {
    method: 'GET',
    path: `${C}/os-keypairs`,
    action: 'keypairs.list',
    handle: (ctx) =>
      jsonAnswer(200, { keypairs: [...ctx.state.keyPairs.values()].map((keypair) => ({ keypair })) }),
  },
  { method: 'POST', path: `${C}/os-keypairs`, action: 'keypairs.create', handle: importKeyPair },
  {
    method: 'GET',
    path: `${C}/os-keypairs/{name}`,
    action: 'keypairs.get',
    handle: (ctx) => {
      const keypair = ctx.state.keyPairs.get(ctx.params.name as string);
      if (!keypair) throw itemNotFound(`Keypair ${ctx.params.name} not found for user ${ctx.scope.userId}`);
      return jsonAnswer(200, { keypair });
    },
  },
  {
    method: 'GET',
    path: `${C}/os-server-groups`,
    action: 'serverGroups.list',
    handle: (ctx) =>
      jsonAnswer(200, {
        server_groups: [...ctx.state.serverGroups.values()]
          .filter((g) => g.projectId === ctx.scope.projectId)
          .map(serverGroupJson),
      }),
  },
  { method: 'POST', path: `${C}/os-server-groups`, action: 'serverGroups.create', handle: createServerGroup },
  {
    method: 'GET',
    path: `${C}/limits`,
    action: 'limits.get',
    handle: (ctx) => {
      const used = ctx.state.list(ctx.scope.projectId, ctx.region).length;
      const quota = ctx.state.instanceQuota;
      return jsonAnswer(200, {
        limits: {
          rate: [],
          absolute: {
            maxTotalInstances: quota,
            totalInstancesUsed: used,
            maxTotalCores: quota * 4,
            maxTotalRAMSize: quota * 8192,
            maxTotalKeypairs: 100,
            maxServerMeta: 128,
            maxServerGroups: 10,
            maxServerGroupMembers: 10,
            totalCoresUsed: used,
            totalRAMUsed: used * 512,
            totalServerGroupsUsed: 0,
          },
        },
      });
    },
  },
];
