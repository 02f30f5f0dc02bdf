// instances.*: insert (with requestId idempotency), list, aggregatedList, get, delete, stop,
// start, reset. Mutations answer a zone operation; the state machine completes it later.
import { REGIONS } from '../catalogue';
import {
  alreadyExists,
  invalidField,
  notFound,
  resourceNotReady,
  zoneResourcePoolExhausted,
} from '../errors';
import { compileFilter } from '../filter';
import { type InstanceRecord, instanceKey } from '../instance-record';
import { parseInstanceSpec } from '../instance-spec';
import type { OperationRecord } from '../operations';
import { paginate } from '../paging';
import { instanceJson, type Json, operationJson } from '../representation';
import type { RequestContext, Route } from '../router';
import { requireZone } from './locations';

const P = '/compute/v1/projects/{project}';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requestIdOf(ctx: RequestContext): string | null {
  const requestId = ctx.query.get('requestId');
  if (requestId === null || requestId === '') return null;
  if (!UUID.test(requestId) || /^[0-]+$/.test(requestId))
    throw invalidField(
      'requestId',
      requestId,
      'The request id must be a valid UUID (the zero UUID is not supported).',
    );
  return requestId;
}

function zoneParams(ctx: RequestContext): { project: string; zone: string } {
  const { project, zone } = ctx.params as { project: string; zone: string };
  requireZone(project, zone);
  return { project, zone };
}

function findInstance(ctx: RequestContext): InstanceRecord {
  const { project, zone } = zoneParams(ctx);
  const name = ctx.params.instance as string;
  const record = ctx.state.instance(project, zone, name);
  if (!record) throw notFound(`projects/${project}/zones/${zone}/instances/${name}`);
  return record;
}

/** A call that starts an operation: a repeated requestId answers the first operation and changes nothing. */
function idempotent(ctx: RequestContext, act: () => OperationRecord): Json {
  const { project } = zoneParams(ctx);
  const requestId = requestIdOf(ctx);
  const seen = requestId && ctx.state.operations.forRequest(project, requestId);
  if (seen) return operationJson(seen, ctx.links);
  const op = act();
  ctx.state.operations.rememberRequest(project, requestId, op);
  return operationJson(op, ctx.links);
}

/** A mutation of one existing instance. */
function mutation(act: (record: InstanceRecord, ctx: RequestContext) => OperationRecord): Route['handle'] {
  return (ctx) => idempotent(ctx, () => act(findInstance(ctx), ctx));
}

function notWhileDeleting(record: InstanceRecord): void {
  if (record.deleting)
    throw resourceNotReady(`projects/${record.project}/zones/${record.zone}/instances/${record.name}`);
}

function insert(ctx: RequestContext): Json {
  const { project, zone } = zoneParams(ctx);
  return idempotent(ctx, () => {
    const spec = parseInstanceSpec(ctx.body, zone, project);
    if (ctx.state.instance(project, zone, spec.name))
      throw alreadyExists(`projects/${project}/zones/${zone}/instances/${spec.name}`);
    // GCE accepts the insert and fails its operation when the zone cannot place the instance.
    return ctx.faults.lacksCapacity(spec.machineType, zone)
      ? ctx.state.failedInsert(project, zone, spec.name, ctx.user, zoneResourcePoolExhausted(project, zone))
      : ctx.state.insert(project, zone, spec, ctx.user);
  });
}

function list(ctx: RequestContext): Json {
  const { project, zone } = zoneParams(ctx);
  const predicate = compileFilter(ctx.query.get('filter'));
  const matching = ctx.state
    .records(project, [zone])
    .map((r) => ({ r, json: instanceJson(r, ctx.links) }))
    .filter((x) => predicate(x.json));
  const page = paginate(matching, (x) => instanceKey(x.r), ctx.query);
  return {
    kind: 'compute#instanceList',
    id: `projects/${project}/zones/${zone}/instances`,
    ...(page.items.length > 0 && { items: page.items.map((x) => x.json) }),
    ...(page.nextPageToken && { nextPageToken: page.nextPageToken }),
    selfLink: `${ctx.links.zone(project, zone)}/instances`,
  };
}

function aggregatedList(ctx: RequestContext): Json {
  const { project } = ctx.params as { project: string };
  const predicate = compileFilter(ctx.query.get('filter'));
  const matching = ctx.state
    .records(project)
    .map((r) => ({ r, json: instanceJson(r, ctx.links) }))
    .filter((x) => predicate(x.json));
  const page = paginate(matching, (x) => instanceKey(x.r), ctx.query);
  const items: Record<string, Json> = {};
  for (const zone of REGIONS.flatMap((r) => r.zones).sort()) {
    const here = page.items.filter((x) => x.r.zone === zone).map((x) => x.json);
    items[`zones/${zone}`] =
      here.length > 0
        ? { instances: here }
        : {
            warning: {
              code: 'NO_RESULTS_ON_PAGE',
              message: `There are no results for scope 'zones/${zone}' on this page.`,
              data: [{ key: 'scope', value: `zones/${zone}` }],
            },
          };
  }
  return {
    kind: 'compute#instanceAggregatedList',
    id: `projects/${project}/aggregated/instances`,
    items,
    ...(page.nextPageToken && { nextPageToken: page.nextPageToken }),
    selfLink: `${ctx.links.project(project)}/aggregated/instances`,
  };
}

export const instanceRoutes: Route[] = [
  { method: 'POST', path: `${P}/zones/{zone}/instances`, action: 'instances.insert', handle: insert },
  { method: 'GET', path: `${P}/zones/{zone}/instances`, action: 'instances.list', handle: list },
  {
    method: 'GET',
    path: `${P}/aggregated/instances`,
    action: 'instances.aggregatedList',
    handle: aggregatedList,
  },
  {
    method: 'GET',
    path: `${P}/zones/{zone}/instances/{instance}`,
    action: 'instances.get',
    handle: (ctx) => instanceJson(findInstance(ctx), ctx.links),
  },
  {
    method: 'DELETE',
    path: `${P}/zones/{zone}/instances/{instance}`,
    action: 'instances.delete',
    handle: mutation((record, ctx) => ctx.state.delete(record, ctx.user)),
  },
  {
    method: 'POST',
    path: `${P}/zones/{zone}/instances/{instance}/stop`,
    action: 'instances.stop',
    handle: mutation((record, ctx) => {
      notWhileDeleting(record);
      return ctx.state.stop(record, ctx.user);
    }),
  },
  {
    method: 'POST',
    path: `${P}/zones/{zone}/instances/{instance}/start`,
    action: 'instances.start',
    handle: mutation((record, ctx) => {
      notWhileDeleting(record);
      if (record.status === 'STOPPING')
        throw resourceNotReady(`projects/${record.project}/zones/${record.zone}/instances/${record.name}`);
      return ctx.state.start(record, ctx.user);
    }),
  },
  {
    method: 'POST',
    path: `${P}/zones/{zone}/instances/{instance}/reset`,
    action: 'instances.reset',
    handle: mutation((record, ctx) => {
      notWhileDeleting(record);
      if (record.status !== 'RUNNING')
        throw resourceNotReady(`projects/${record.project}/zones/${record.zone}/instances/${record.name}`);
      return ctx.state.reset(record, ctx.user);
    }),
  },
];
