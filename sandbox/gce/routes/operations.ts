// zoneOperations.get and zoneOperations.wait. `wait` holds the request until the operation
// is DONE or two minutes pass, then answers the operation as it stands (GCE's contract).
import { notFound } from '../errors';
import { operationJson } from '../representation';
import type { RequestContext, Route } from '../router';
import { requireZone } from './locations';

const WAIT_LIMIT_MS = 120_000;

function findOperation(ctx: RequestContext) {
  const { project, zone, operation } = ctx.params as { project: string; zone: string; operation: string };
  requireZone(project, zone);
  const op = ctx.state.operations.get(project, zone, operation);
  if (!op) throw notFound(`projects/${project}/zones/${zone}/operations/${operation}`);
  return op;
}

export const operationRoutes: Route[] = [
  {
    method: 'GET',
    path: '/compute/v1/projects/{project}/zones/{zone}/operations/{operation}',
    action: 'zoneOperations.get',
    handle: (ctx) => operationJson(findOperation(ctx), ctx.links),
  },
  {
    method: 'POST',
    path: '/compute/v1/projects/{project}/zones/{zone}/operations/{operation}/wait',
    action: 'zoneOperations.wait',
    handle: async (ctx) => {
      const op = findOperation(ctx);
      await ctx.state.operations.waitFor(op, WAIT_LIMIT_MS);
      return operationJson(op, ctx.links);
    },
  },
];
