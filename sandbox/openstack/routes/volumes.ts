// Cinder v3: the version document and volumes (those Nova made from a launch's block-device
// mappings, and stand-alone ones).
import { VolumeCreate } from '../../../functions/adapters/clouds/openstack/client/wire/cinder';
import { type ApiAnswer, jsonAnswer } from '../../core/sandbox-server';
import { findRegion } from '../catalogue';
import { badRequest, itemNotFound } from '../errors';
import { safeJson, serviceRoot } from '../identity';
import type { Route, RouteContext } from '../router';
import type { VolumeRecord } from '../state';

const V = '/volume/{region}/v3/{project}';

function volumeJson(ctx: RouteContext, v: VolumeRecord) {
  const self = `${serviceRoot.volumev3(ctx.base, ctx.region, v.projectId)}/volumes/${v.id}`;
  return {
    id: v.id,
    name: v.name,
    description: null,
    status: v.status,
    size: v.size,
    availability_zone: v.zone,
    volume_type: v.type ?? '__DEFAULT__',
    bootable: 'false',
    encrypted: false,
    multiattach: false,
    attachments: v.serverId
      ? [{ server_id: v.serverId, attachment_id: v.id, volume_id: v.id, id: v.id, device: '/dev/vdb' }]
      : [],
    metadata: {},
    created_at: v.created,
    updated_at: v.created,
    'os-vol-tenant-attr:tenant_id': v.projectId,
    user_id: ctx.scope.userId,
    links: [{ rel: 'self', href: self }],
  };
}

const mine = (ctx: RouteContext) =>
  [...ctx.state.volumes.values()].filter(
    (v) => v.projectId === ctx.scope.projectId && v.region === ctx.region,
  );

function create(ctx: RouteContext): ApiAnswer {
  const parsed = VolumeCreate.safeParse(safeJson(ctx.body));
  if (!parsed.success)
    throw badRequest(
      `Invalid input for field/attribute ${String(parsed.error.issues[0]?.path.at(-1) ?? 'volume')}.`,
    );
  const { volume } = parsed.data;
  const zone = volume.availability_zone ?? 'nova';
  if (!findRegion(ctx.region)?.zones.includes(zone))
    throw badRequest(`Availability zone '${zone}' is invalid.`);
  const record = ctx.state.createVolume({
    projectId: ctx.scope.projectId,
    region: ctx.region,
    zone,
    name: volume.name ?? null,
    size: volume.size,
    type: volume.volume_type ?? null,
  });
  return jsonAnswer(202, { volume: volumeJson(ctx, record) });
}

function find(ctx: RouteContext): VolumeRecord {
  const v = ctx.state.volumes.get(ctx.params.id as string);
  if (!v || v.projectId !== ctx.scope.projectId)
    throw itemNotFound(`Volume ${ctx.params.id} could not be found.`);
  return v;
}

export const volumeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/volume/{region}',
    action: 'volume.versions',
    anonymous: true,
    handle: (ctx) =>
      jsonAnswer(300, {
        versions: [
          {
            id: 'v3.0',
            status: 'CURRENT',
            version: '3.70',
            min_version: '3.0',
            updated: '2023-08-31T00:00:00Z',
            links: [{ rel: 'self', href: `${ctx.base}/volume/${ctx.params.region}/v3/` }],
          },
        ],
      }),
  },
  {
    method: 'GET',
    path: `${V}/volumes`,
    action: 'volumes.list',
    handle: (ctx) =>
      jsonAnswer(200, {
        volumes: mine(ctx).map((v) => ({ id: v.id, name: v.name, links: volumeJson(ctx, v).links })),
      }),
  },
  {
    method: 'GET',
    path: `${V}/volumes/detail`,
    action: 'volumes.list',
    handle: (ctx) => jsonAnswer(200, { volumes: mine(ctx).map((v) => volumeJson(ctx, v)) }),
  },
  { method: 'POST', path: `${V}/volumes`, action: 'volumes.create', handle: create },
  {
    method: 'GET',
    path: `${V}/volumes/{id}`,
    action: 'volumes.get',
    handle: (ctx) => jsonAnswer(200, { volume: volumeJson(ctx, find(ctx)) }),
  },
  {
    method: 'DELETE',
    path: `${V}/volumes/{id}`,
    action: 'volumes.delete',
    handle: (ctx) => {
      const v = find(ctx);
      if (v.serverId)
        throw badRequest(
          'Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots or be disassociated from snapshots after volume transfer.',
        );
      ctx.state.volumes.delete(v.id);
      return { status: 202, contentType: '', body: '' };
    },
  },
  {
    method: 'GET',
    path: `${V}/os-availability-zone`,
    action: 'volumeZones.list',
    handle: (ctx) =>
      jsonAnswer(200, {
        availabilityZoneInfo: (findRegion(ctx.region)?.zones ?? []).map((zoneName) => ({
          zoneName,
          zoneState: { available: true },
        })),
      }),
  },
];
