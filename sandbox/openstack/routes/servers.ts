// Nova's servers: create (validated with the client's own wire schema, then as Nova checks it),
// list (name regex, tags, paging by marker), show, delete, actions, tags and metadata.
import { ServerAction, ServerCreate } from '../../../functions/adapters/clouds/openstack/client/wire/nova';
import { type ApiAnswer, jsonAnswer } from '../../core/sandbox-server';
import { FLAVORS, findImage, findRegion } from '../catalogue';
import { badRequest, conflictingRequest, itemNotFound, quotaExceeded } from '../errors';
import { safeJson, serviceRoot } from '../identity';
import { atLeast } from '../microversion';
import type { Route, RouteContext } from '../router';
import { novaStatus, type ServerRecord, serverJson } from '../server-record';
import { KNOWN_NETWORKS, networkId } from './networks';

const C = '/compute/{region}/v2.1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_LIMIT = 1000;

const json = (ctx: RouteContext, r: ServerRecord) =>
  serverJson(
    r,
    serviceRoot.compute(ctx.base, ctx.region),
    serviceRoot.image(ctx.base, ctx.region),
    atLeast(ctx.microversion, '2.47'),
  );

export function findServer(ctx: RouteContext): ServerRecord {
  const id = ctx.params.id as string;
  const record = ctx.state.server(ctx.scope.projectId, ctx.region, id);
  if (!record) throw itemNotFound(`Instance ${id} could not be found.`);
  return record;
}

function parseCreate(ctx: RouteContext) {
  const raw = safeJson(ctx.body) as { server?: Record<string, unknown> };
  if (raw.server && 'tags' in raw.server && !atLeast(ctx.microversion, '2.52'))
    throw badRequest(
      "Invalid input for field/attribute server. Value: ... Additional properties are not allowed ('tags' was unexpected)",
    );
  const parsed = ServerCreate.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(
      `Invalid input for field/attribute ${String(issue?.path.at(-1) ?? 'server')}. Value: ${issue?.message}`,
    );
  }
  return parsed.data;
}

function create(ctx: RouteContext): ApiAnswer {
  const { server, 'os:scheduler_hints': hints } = parseCreate(ctx);
  if (atLeast(ctx.microversion, '2.37') && server.networks === undefined)
    throw badRequest(
      "Invalid input for field/attribute server. Value: ... 'networks' is a required property",
    );
  const region = findRegion(ctx.region);
  const zone = server.availability_zone || 'nova';
  if (!region?.zones.includes(zone)) throw badRequest('The requested availability zone is not available');
  const flavorRef = server.flavorRef.split('/').pop() as string;
  const flavor = FLAVORS.find((f) => f.id === flavorRef);
  if (!flavor) throw badRequest(`Flavor ${server.flavorRef} could not be found.`);
  const bootVolume = server.block_device_mapping_v2?.find((b) => b.boot_index === 0);
  const imageId =
    server.imageRef || (bootVolume?.source_type === 'image' ? bootVolume.uuid : undefined) || '';
  if (!UUID.test(imageId)) throw badRequest('Invalid imageRef provided.');
  if (!findImage(imageId)) throw badRequest(`Image ${imageId} could not be found.`);
  if (Array.isArray(server.networks))
    for (const n of server.networks)
      if ('uuid' in n && !KNOWN_NETWORKS.some((k) => networkId(k) === n.uuid))
        throw badRequest(`Network ${n.uuid} could not be found.`);
  if (server.key_name && !ctx.state.keyPairs.has(server.key_name))
    throw badRequest('Invalid key_name provided.');
  for (const g of server.security_groups ?? [])
    if (g.name !== 'default')
      throw badRequest(`Security group ${g.name} not found for project ${ctx.scope.projectId}.`);
  if (hints?.group && !ctx.state.serverGroups.has(hints.group))
    throw badRequest(`Group ${hints.group} could not be found.`);
  const used = ctx.state.list(ctx.scope.projectId, ctx.region).length;
  const quota = ctx.state.instanceQuota;
  if (used >= quota)
    throw quotaExceeded(
      `Quota exceeded for instances: Requested 1, but already used ${used} of ${quota} instances`,
    );
  const record = ctx.state.create({
    name: server.name,
    projectId: ctx.scope.projectId,
    userId: ctx.scope.userId,
    region: ctx.region,
    zone,
    flavor,
    imageId,
    tags: server.tags ?? [],
    metadata: server.metadata ?? {},
    userData: server.user_data ? Buffer.from(server.user_data, 'base64').toString('utf8') : null,
    keyName: server.key_name ?? null,
    securityGroups: (server.security_groups ?? [{ name: 'default' }]).map((g) => g.name),
    volumes: (server.block_device_mapping_v2 ?? [])
      .filter((b) => b.source_type === 'blank' && b.destination_type === 'volume')
      .map((b) => ({ size: b.volume_size ?? 1, type: b.volume_type ?? null })),
    noValidHost: ctx.faults.lacksCapacity(flavor.name, zone),
  });
  if (hints?.group) ctx.state.serverGroups.get(hints.group)?.members.push(record.id);
  const self = `${serviceRoot.compute(ctx.base, ctx.region)}/servers/${record.id}`;
  return jsonAnswer(202, {
    server: {
      id: record.id,
      links: [
        { rel: 'self', href: self },
        { rel: 'bookmark', href: self },
      ],
      'OS-DCF:diskConfig': 'MANUAL',
      security_groups: record.securityGroups.map((name) => ({ name })),
      adminPass: 'sandbox-admin-pass',
    },
  });
}

function matching(ctx: RouteContext): ServerRecord[] {
  const q = ctx.query;
  const name = q.get('name');
  let pattern: RegExp | undefined;
  try {
    pattern = name ? new RegExp(name) : undefined;
  } catch {
    throw badRequest(`Invalid regular expression in name filter: ${name}`);
  }
  const tags = q.get('tags')?.split(',').filter(Boolean) ?? [];
  const anyTags = q.get('tags-any')?.split(',').filter(Boolean) ?? [];
  const status = q.get('status')?.toUpperCase();
  return ctx.state
    .list(ctx.scope.projectId, ctx.region)
    .filter((r) => !pattern || pattern.test(r.name))
    .filter((r) => tags.every((t) => r.tags.includes(t)))
    .filter((r) => anyTags.length === 0 || anyTags.some((t) => r.tags.includes(t)))
    .filter((r) => !status || novaStatus(r) === status);
}

function list(detail: boolean) {
  return (ctx: RouteContext): ApiAnswer => {
    const all = matching(ctx);
    const limit = Math.min(Number(ctx.query.get('limit') ?? DEFAULT_LIMIT) || DEFAULT_LIMIT, DEFAULT_LIMIT);
    const marker = ctx.query.get('marker');
    let start = 0;
    if (marker) {
      const at = all.findIndex((r) => r.id === marker);
      if (at < 0) throw badRequest(`marker [${marker}] not found`);
      start = at + 1;
    }
    const page = all.slice(start, start + limit);
    const more = start + limit < all.length;
    const root = serviceRoot.compute(ctx.base, ctx.region);
    const next = new URLSearchParams(ctx.query);
    next.set('limit', String(limit));
    next.set('marker', page.at(-1)?.id ?? '');
    return jsonAnswer(200, {
      servers: page.map((r) =>
        detail
          ? json(ctx, r)
          : { id: r.id, name: r.name, links: [{ rel: 'self', href: `${root}/servers/${r.id}` }] },
      ),
      ...(more && {
        servers_links: [{ rel: 'next', href: `${root}/servers${detail ? '/detail' : ''}?${next}` }],
      }),
    });
  };
}

function action(ctx: RouteContext): ApiAnswer {
  const record = findServer(ctx);
  const parsed = ServerAction.safeParse(safeJson(ctx.body));
  if (!parsed.success)
    throw badRequest(`There is no such action: ${Object.keys(safeJson(ctx.body) as object).join(',')}`);
  const act = parsed.data;
  const refuse = (name: string) => {
    throw conflictingRequest(
      `Cannot '${name}' instance ${record.id} while it is in ${record.taskState ? `task_state ${record.taskState}` : `vm_state ${record.vmState}`}`,
    );
  };
  if ('os-stop' in act) {
    if (record.vmState !== 'active' || record.taskState) refuse('stop');
    ctx.state.stop(record);
  } else if ('os-start' in act) {
    if (record.vmState !== 'stopped' || record.taskState) refuse('start');
    ctx.state.start(record);
  } else {
    if (record.vmState !== 'active' || (record.taskState && record.taskState !== 'rebooting'))
      refuse('reboot');
    ctx.state.reboot(record);
  }
  return { status: 202, contentType: '', body: '' };
}

const noContent: ApiAnswer = { status: 204, contentType: '', body: '' };

export const serverRoutes: Route[] = [
  { method: 'POST', path: `${C}/servers`, action: 'servers.create', handle: create },
  { method: 'GET', path: `${C}/servers`, action: 'servers.list', handle: list(false) },
  { method: 'GET', path: `${C}/servers/detail`, action: 'servers.list', handle: list(true) },
  {
    method: 'GET',
    path: `${C}/servers/{id}`,
    action: 'servers.get',
    handle: (ctx) => jsonAnswer(200, { server: json(ctx, findServer(ctx)) }),
  },
  {
    method: 'DELETE',
    path: `${C}/servers/{id}`,
    action: 'servers.delete',
    handle: (ctx) => {
      ctx.state.delete(findServer(ctx));
      return noContent;
    },
  },
  { method: 'POST', path: `${C}/servers/{id}/action`, action: 'servers.action', handle: action },
  {
    method: 'GET',
    path: `${C}/servers/{id}/tags`,
    action: 'servers.tags',
    handle: (ctx) => jsonAnswer(200, { tags: findServer(ctx).tags }),
  },
  {
    method: 'PUT',
    path: `${C}/servers/{id}/tags`,
    action: 'servers.tags.replace',
    handle: (ctx) => {
      const record = findServer(ctx);
      const { tags } = safeJson(ctx.body) as { tags?: unknown };
      if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string' && /^[^/,]{1,60}$/.test(t)))
        throw badRequest('Invalid input for field/attribute tags.');
      record.tags = [...new Set(tags as string[])];
      return jsonAnswer(200, { tags: record.tags });
    },
  },
  {
    method: 'PUT',
    path: `${C}/servers/{id}/tags/{tag}`,
    action: 'servers.tags.add',
    handle: (ctx) => {
      const record = findServer(ctx);
      const tag = ctx.params.tag as string;
      if (!record.tags.includes(tag)) record.tags.push(tag);
      return { status: 201, contentType: '', body: '' };
    },
  },
  {
    method: 'GET',
    path: `${C}/servers/{id}/metadata`,
    action: 'servers.metadata',
    handle: (ctx) => jsonAnswer(200, { metadata: findServer(ctx).metadata }),
  },
  {
    method: 'POST',
    path: `${C}/servers/{id}/metadata`,
    action: 'servers.metadata.update',
    handle: (ctx) => {
      const record = findServer(ctx);
      const { metadata } = safeJson(ctx.body) as { metadata?: Record<string, string> };
      Object.assign(record.metadata, metadata ?? {});
      return jsonAnswer(200, { metadata: record.metadata });
    },
  },
];
