// Neutron v2.0: the version document, networks with their subnets, the servers' ports and the
// default security group. Neutron sends its own error body (`NeutronError`).
import { type ApiAnswer, jsonAnswer } from '../../core/sandbox-server';
import {
  DEFAULT_SECURITY_GROUP,
  findRegion,
  PRIVATE_NETWORK,
  PUBLIC_NETWORK,
  stableUuid,
} from '../catalogue';
import { neutronNotFound } from '../errors';
import { serviceRoot } from '../identity';
import type { Route, RouteContext } from '../router';

const N = '/networking/{region}/v2.0';
export const KNOWN_NETWORKS = [PRIVATE_NETWORK, PUBLIC_NETWORK];
export const networkId = (name: string) => stableUuid(`network:${name}`);
const subnetId = (network: string, region: string) => stableUuid(`subnet:${network}/${region}`);

function networkJson(ctx: RouteContext, name: string) {
  return {
    id: networkId(name),
    name,
    status: 'ACTIVE',
    admin_state_up: true,
    shared: name === PUBLIC_NETWORK,
    'router:external': name === PUBLIC_NETWORK,
    subnets: [subnetId(name, ctx.region)],
    project_id: ctx.scope.projectId,
    tenant_id: ctx.scope.projectId,
    mtu: 1442,
    availability_zones: ['nova'],
    availability_zone_hints: [],
    description: '',
    tags: [],
    'provider:network_type': name === PUBLIC_NETWORK ? 'flat' : 'geneve',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    revision_number: 1,
    port_security_enabled: true,
    is_default: name === PUBLIC_NETWORK,
  };
}

function subnetJson(ctx: RouteContext, name: string) {
  const prefix = name === PUBLIC_NETWORK ? '172.24.4' : `${findRegion(ctx.region)?.cidrPrefix ?? '10.9'}.0`;
  return {
    id: subnetId(name, ctx.region),
    name: `${name}-subnet`,
    network_id: networkId(name),
    cidr: name === PUBLIC_NETWORK ? `${prefix}.0/24` : `${prefix.replace(/\.0$/, '')}.0.0/16`,
    ip_version: 4,
    gateway_ip: name === PUBLIC_NETWORK ? `${prefix}.1` : `${prefix.replace(/\.0$/, '')}.0.1`,
    enable_dhcp: name !== PUBLIC_NETWORK,
    project_id: ctx.scope.projectId,
    tags: [],
  };
}

function securityGroupJson(ctx: RouteContext) {
  const id = stableUuid(`security-group:${ctx.scope.projectId}/${DEFAULT_SECURITY_GROUP}`);
  return {
    id,
    name: DEFAULT_SECURITY_GROUP,
    description: 'Default security group',
    project_id: ctx.scope.projectId,
    tenant_id: ctx.scope.projectId,
    stateful: true,
    tags: [],
    security_group_rules: (['ingress', 'egress'] as const).map((direction) => ({
      id: stableUuid(`rule:${id}/${direction}`),
      direction,
      ethertype: 'IPv4',
      protocol: null,
      port_range_min: null,
      port_range_max: null,
      remote_group_id: direction === 'ingress' ? id : null,
      remote_ip_prefix: null,
      security_group_id: id,
    })),
  };
}

/** Neutron filters every list by any field given in the query (`?name=private`). */
function filtered<T extends Record<string, unknown>>(ctx: RouteContext, items: T[]): T[] {
  const wanted = [...ctx.query.entries()].filter(
    ([k]) => !['fields', 'limit', 'marker', 'sort_key', 'sort_dir'].includes(k),
  );
  return items.filter((item) => wanted.every(([k, v]) => item[k] === undefined || String(item[k]) === v));
}

function ports(ctx: RouteContext): ApiAnswer {
  const servers = ctx.state.list(ctx.scope.projectId, ctx.region);
  const all = servers.flatMap((s) =>
    s.addresses.map((a) => ({
      id: stableUuid(`port:${s.id}/${a.addr}`),
      name: '',
      network_id: networkId(a.network),
      device_id: s.id,
      device_owner: `compute:${s.zone}`,
      status: s.vmState === 'active' ? 'ACTIVE' : 'DOWN',
      mac_address: a.mac,
      fixed_ips: [{ subnet_id: subnetId(a.network, ctx.region), ip_address: a.addr }],
      security_groups: [securityGroupJson(ctx).id],
      project_id: ctx.scope.projectId,
    })),
  );
  return jsonAnswer(200, { ports: filtered(ctx, all) });
}

export const networkRoutes: Route[] = [
  {
    method: 'GET',
    path: '/networking/{region}',
    action: 'network.versions',
    anonymous: true,
    handle: (ctx) =>
      jsonAnswer(200, {
        versions: [
          {
            id: 'v2.0',
            status: 'CURRENT',
            links: [
              { rel: 'self', href: `${serviceRoot.network(ctx.base, ctx.params.region as string)}/v2.0/` },
            ],
          },
        ],
      }),
  },
  {
    method: 'GET',
    path: `${N}/networks`,
    action: 'networks.list',
    handle: (ctx) =>
      jsonAnswer(200, {
        networks: filtered(
          ctx,
          KNOWN_NETWORKS.map((n) => networkJson(ctx, n)),
        ),
      }),
  },
  {
    method: 'GET',
    path: `${N}/networks/{id}`,
    action: 'networks.get',
    handle: (ctx) => {
      const name = KNOWN_NETWORKS.find((n) => networkId(n) === ctx.params.id);
      if (!name) throw neutronNotFound('NetworkNotFound', `Network ${ctx.params.id} could not be found.`);
      return jsonAnswer(200, { network: networkJson(ctx, name) });
    },
  },
  {
    method: 'GET',
    path: `${N}/subnets`,
    action: 'subnets.list',
    handle: (ctx) =>
      jsonAnswer(200, {
        subnets: filtered(
          ctx,
          KNOWN_NETWORKS.map((n) => subnetJson(ctx, n)),
        ),
      }),
  },
  { method: 'GET', path: `${N}/ports`, action: 'ports.list', handle: ports },
  {
    method: 'GET',
    path: `${N}/security-groups`,
    action: 'securityGroups.list',
    handle: (ctx) => jsonAnswer(200, { security_groups: filtered(ctx, [securityGroupJson(ctx)]) }),
  },
  {
    method: 'GET',
    path: `${N}/extensions`,
    action: 'extensions.list',
    handle: () => jsonAnswer(200, { extensions: [] }),
  },
  {
    method: 'GET',
    path: `${N}/availability_zones`,
    action: 'networkZones.list',
    handle: () =>
      jsonAnswer(200, { availability_zones: [{ name: 'nova', resource: 'network', state: 'available' }] }),
  },
];
