// Scaling's part of the API routing table (routes.ts spreads it into API_CONTRACT), in the `farms`
// group: values pushed to a farm role's `pushed` rules, and what its scaling decided and why.
import { z } from 'zod';
import { FarmRoleScaling, PushedMetricsAccepted, PushedMetricsInput } from '../domain/schemas/scaling-state';
import { FarmParams } from './path-params';
import { routeOf } from './route-def';

const FarmRoleParams = FarmParams.extend({
  alias: z.string().regex(/^[a-z][a-z0-9-]{0,38}[a-z0-9]$/, 'must be a farm role alias'),
});
const FARM_ROLE = '/api/v1/farms/{farmId}/farm-roles/{alias}';

const route = routeOf('farms', true);

export const SCALING_ROUTES = [
  route({
    operationId: 'pushFarmRoleMetrics',
    method: 'POST',
    path: `${FARM_ROLE}/metrics`,
    summary:
      "Push metric values to a farm role's `pushed` scaling rules (an API token with only metrics:push is enough)",
    access: 'metrics:push',
    params: FarmRoleParams,
    body: PushedMetricsInput,
    response: { status: 202, schema: PushedMetricsAccepted },
  }),
  route({
    operationId: 'getFarmRoleScaling',
    method: 'GET',
    path: `${FARM_ROLE}/scaling`,
    summary: "A farm role's current scaling decision and why, its recent decisions and its scaling memory",
    access: 'farms:view',
    params: FarmRoleParams,
    response: { status: 200, schema: FarmRoleScaling },
  }),
];
