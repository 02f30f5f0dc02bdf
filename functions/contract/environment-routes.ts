// The `environments` group's part of the API routing table (routes.ts assembles API_ROUTES).
import { PageQuery, pageOf } from '../domain/schemas/common';
import { Environment, EnvironmentInput } from '../domain/schemas/environment';
import { EnvParams } from './path-params';
import type { RouteDef } from './route-def';

export const ENVIRONMENT_ROUTES = [
  {
    operationId: 'listEnvironments',
    method: 'GET',
    path: '/api/v1/environments',
    group: 'environments',
    summary: 'List environments',
    access: 'signed-in',
    auth: true,
    query: PageQuery,
    response: { status: 200, schema: pageOf(Environment) },
  },
  {
    operationId: 'createEnvironment',
    method: 'POST',
    path: '/api/v1/environments',
    group: 'environments',
    summary: 'Create an environment',
    access: 'environments:manage',
    auth: true,
    body: EnvironmentInput,
    response: { status: 201, schema: Environment },
  },
  {
    operationId: 'getEnvironment',
    method: 'GET',
    path: '/api/v1/environments/{environmentId}',
    group: 'environments',
    summary: 'Get an environment',
    access: 'signed-in',
    auth: true,
    params: EnvParams,
    response: { status: 200, schema: Environment },
    versioned: true,
  },
  {
    operationId: 'updateEnvironment',
    method: 'PUT',
    path: '/api/v1/environments/{environmentId}',
    group: 'environments',
    summary: 'Replace an environment',
    access: 'environments:manage',
    auth: true,
    params: EnvParams,
    body: EnvironmentInput,
    response: { status: 200, schema: Environment },
    versioned: true,
  },
  {
    operationId: 'deleteEnvironment',
    method: 'DELETE',
    path: '/api/v1/environments/{environmentId}',
    group: 'environments',
    summary: 'Delete an empty environment',
    access: 'environments:manage',
    auth: true,
    params: EnvParams,
    versioned: true,
  },
] as const satisfies readonly RouteDef[];
