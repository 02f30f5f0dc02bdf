// The `variables` group's part of the API routing table (routes.ts spreads it into API_ROUTES):
// the Global Variable declarations of each scope (GET, PUT with If-Match) and the resolved view
// of a farm role. Account-scope variables reach every environment, so writing them is an account
// administrator's action; every other scope needs `variables:manage` where it lives.
import { z } from 'zod';
import { idOf } from '../domain/schemas/common';
import { VariableResolutionView, VariableSet, VariableSetInput } from '../domain/variables';
import type { RouteDef } from './route-def';

const EnvParams = z.object({ environmentId: idOf('environment') });
const RoleParams = z.object({ roleId: idOf('role') });
const FarmParams = z.object({ farmId: idOf('farm') });
const FarmRoleParams = FarmParams.extend({ farmRoleId: idOf('farmRole') });
const ServerParams = FarmParams.extend({ serverId: idOf('server') });

const route = (r: Omit<RouteDef, 'group' | 'auth'>): RouteDef => ({ ...r, group: 'variables', auth: true });

/** A GET and a PUT of one scope's set. */
function scopeRoutes(
  name: string,
  what: string,
  path: string,
  params: z.ZodObject | undefined,
  manage: RouteDef['access'],
): RouteDef[] {
  return [
    route({
      operationId: `get${name}Variables`,
      method: 'GET',
      path,
      summary: `The Global Variables declared on ${what} (hidden values masked)`,
      access: 'variables:view',
      ...(params ? { params } : {}),
      response: { status: 200, schema: VariableSet },
      versioned: true,
    }),
    route({
      operationId: `put${name}Variables`,
      method: 'PUT',
      path,
      summary: `Replace the Global Variables declared on ${what} (If-Match "0" for the first write; a hidden value sent as the mask keeps its stored value)`,
      access: manage,
      ...(params ? { params } : {}),
      body: VariableSetInput,
      response: { status: 200, schema: VariableSet },
      versioned: true,
    }),
  ];
}

export const VARIABLE_ROUTES: RouteDef[] = [
  ...scopeRoutes('Account', 'the account', '/api/v1/variables/account', undefined, 'account:manage'),
  ...scopeRoutes(
    'Environment',
    'an environment',
    '/api/v1/environments/{environmentId}/variables',
    EnvParams,
    'variables:manage',
  ),
  ...scopeRoutes('Role', 'a role', '/api/v1/roles/{roleId}/variables', RoleParams, 'variables:manage'),
  ...scopeRoutes('Farm', 'a farm', '/api/v1/farms/{farmId}/variables', FarmParams, 'variables:manage'),
  ...scopeRoutes(
    'FarmRole',
    'a farm role',
    '/api/v1/farms/{farmId}/farm-roles/{farmRoleId}/variables',
    FarmRoleParams,
    'variables:manage',
  ),
  ...scopeRoutes(
    'Server',
    'a server',
    '/api/v1/farms/{farmId}/servers/{serverId}/variables',
    ServerParams,
    'variables:manage',
  ),
  route({
    operationId: 'getResolvedFarmRoleVariables',
    method: 'GET',
    path: '/api/v1/farms/{farmId}/farm-roles/{farmRoleId}/variables/resolved',
    summary:
      "A farm role's Global Variables resolved over every scope: each value, where it came from, what it overrides, and the problems (hidden values masked)",
    access: 'variables:view',
    params: FarmRoleParams,
    response: { status: 200, schema: VariableResolutionView },
  }),
];
