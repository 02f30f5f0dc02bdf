// The `variables` group's part of the API routing table (routes.ts spreads it into API_ROUTES):
// the Global Variable declarations of each scope (GET, PUT with If-Match) and the resolved view
// of a farm role. Account-scope variables reach every environment, so writing them is an account
// administrator's action; every other scope needs `variables:manage` where it lives.
import type { z } from 'zod';
import { idOf } from '../domain/schemas/common';
import { VariableResolutionView, VariableSet, VariableSetInput } from '../domain/variables';
import { EnvParams, FarmParams, RoleParams, ServerParams } from './path-params';
import { type RouteDef, routeOf } from './route-def';

const FarmRoleParams = FarmParams.extend({ farmRoleId: idOf('farmRole') });

const route = routeOf('variables', true);

/** The params field of a scope's routes: none for the account scope. */
type ParamsField<P> = P extends z.ZodObject ? { params: P } : { params?: never };

/** A GET and a PUT of one scope's set. */
function scopeRoutes<const N extends string, const Path extends string, P extends z.ZodObject | undefined>(
  name: N,
  what: string,
  path: Path,
  params: P,
  manage: RouteDef['access'],
) {
  const paramsField = (params ? { params } : {}) as ParamsField<P>;
  return [
    route({
      operationId: `get${name}Variables` as const,
      method: 'GET',
      path,
      summary: `The Global Variables declared on ${what} (hidden values masked)`,
      access: 'variables:view',
      ...paramsField,
      response: { status: 200, schema: VariableSet },
      versioned: true,
    }),
    route({
      operationId: `put${name}Variables` as const,
      method: 'PUT',
      path,
      summary: `Replace the Global Variables declared on ${what} (If-Match "0" for the first write; a hidden value sent as the mask keeps its stored value)`,
      access: manage,
      ...paramsField,
      body: VariableSetInput,
      response: { status: 200, schema: VariableSet },
      versioned: true,
    }),
  ] as const;
}

export const VARIABLE_ROUTES = [
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
] as const satisfies readonly RouteDef[];
