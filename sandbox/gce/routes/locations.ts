// regions, zones, machineTypes, networks and subnetworks: the read-only catalogue.
import { DEFAULT_NETWORK, findRegion, MACHINE_TYPES, REGIONS, regionOfZone } from '../catalogue';
import { notFound } from '../errors';
import { compileFilter } from '../filter';
import { paginate } from '../paging';
import {
  type Json,
  machineTypeJson,
  networkJson,
  regionJson,
  subnetworkJson,
  zoneJson,
} from '../representation';
import type { RequestContext, Route } from '../router';

const P = '/compute/v1/projects/{project}';

function listOf(kind: string, id: string, selfLink: string, all: Json[], ctx: RequestContext): Json {
  const predicate = compileFilter(ctx.query.get('filter'));
  const page = paginate(
    all.filter((item) => predicate(item)),
    (item) => String(item.name),
    ctx.query,
  );
  return {
    kind,
    id,
    ...(page.items.length > 0 && { items: page.items }),
    ...(page.nextPageToken && { nextPageToken: page.nextPageToken }),
    selfLink,
  };
}

export function requireZone(project: string, zone: string) {
  const region = regionOfZone(zone);
  if (!region) throw notFound(`projects/${project}/zones/${zone}`);
  return region;
}

export const locationRoutes: Route[] = [
  {
    method: 'GET',
    path: `${P}/regions`,
    action: 'regions.list',
    handle: (ctx) => {
      const { project } = ctx.params as { project: string };
      const all = REGIONS.map((r) => regionJson(project, r, ctx.links));
      return listOf(
        'compute#regionList',
        `projects/${project}/regions`,
        `${ctx.links.project(project)}/regions`,
        all,
        ctx,
      );
    },
  },
  {
    method: 'GET',
    path: `${P}/regions/{region}`,
    action: 'regions.get',
    handle: (ctx) => {
      const { project, region } = ctx.params as { project: string; region: string };
      const info = findRegion(region);
      if (!info) throw notFound(`projects/${project}/regions/${region}`);
      return regionJson(project, info, ctx.links);
    },
  },
  {
    method: 'GET',
    path: `${P}/zones`,
    action: 'zones.list',
    handle: (ctx) => {
      const { project } = ctx.params as { project: string };
      const all = REGIONS.flatMap((r) => r.zones.map((z) => zoneJson(project, r, z, ctx.links))).sort(
        (a, b) => (String(a.name) < String(b.name) ? -1 : 1),
      );
      return listOf(
        'compute#zoneList',
        `projects/${project}/zones`,
        `${ctx.links.project(project)}/zones`,
        all,
        ctx,
      );
    },
  },
  {
    method: 'GET',
    path: `${P}/zones/{zone}`,
    action: 'zones.get',
    handle: (ctx) => {
      const { project, zone } = ctx.params as { project: string; zone: string };
      return zoneJson(project, requireZone(project, zone), zone, ctx.links);
    },
  },
  {
    method: 'GET',
    path: `${P}/zones/{zone}/machineTypes`,
    action: 'machineTypes.list',
    handle: (ctx) => {
      const { project, zone } = ctx.params as { project: string; zone: string };
      requireZone(project, zone);
      const all = MACHINE_TYPES.map((m) => machineTypeJson(project, zone, m, ctx.links)).sort((a, b) =>
        String(a.name) < String(b.name) ? -1 : 1,
      );
      return listOf(
        'compute#machineTypeList',
        `projects/${project}/zones/${zone}/machineTypes`,
        `${ctx.links.zone(project, zone)}/machineTypes`,
        all,
        ctx,
      );
    },
  },
  {
    method: 'GET',
    path: `${P}/global/networks`,
    action: 'networks.list',
    handle: (ctx) => {
      const { project } = ctx.params as { project: string };
      const subnetworks = REGIONS.map((r) => ctx.links.subnetwork(project, r.name, DEFAULT_NETWORK));
      return listOf(
        'compute#networkList',
        `projects/${project}/global/networks`,
        `${ctx.links.project(project)}/global/networks`,
        [networkJson(project, ctx.links, subnetworks)],
        ctx,
      );
    },
  },
  {
    method: 'GET',
    path: `${P}/regions/{region}/subnetworks`,
    action: 'subnetworks.list',
    handle: (ctx) => {
      const { project, region } = ctx.params as { project: string; region: string };
      const info = findRegion(region);
      if (!info) throw notFound(`projects/${project}/regions/${region}`);
      return listOf(
        'compute#subnetworkList',
        `projects/${project}/regions/${region}/subnetworks`,
        `${ctx.links.region(project, region)}/subnetworks`,
        [subnetworkJson(project, info, ctx.links)],
        ctx,
      );
    },
  },
];
