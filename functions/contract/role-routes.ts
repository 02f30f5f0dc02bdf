// The `roles` group's part of the API routing table (routes.ts assembles API_ROUTES).
import { idOf, PageQuery, pageOf } from '../domain/schemas/common';
import { Role, RoleInput } from '../domain/schemas/role';
import { RoleParams } from './path-params';
import type { RouteDef } from './route-def';

const RoleListQuery = PageQuery.extend({ environmentId: idOf('environment').optional() });

export const ROLE_ROUTES = [
  {
    operationId: 'listRoles',
    method: 'GET',
    path: '/api/v1/roles',
    group: 'roles',
    summary: 'List roles (account-scoped, and of one environment when environmentId is given)',
    access: 'roles:view',
    auth: true,
    query: RoleListQuery,
    response: { status: 200, schema: pageOf(Role) },
  },
  {
    operationId: 'createRole',
    method: 'POST',
    path: '/api/v1/roles',
    group: 'roles',
    summary: 'Create a role',
    access: 'roles:manage',
    auth: true,
    body: RoleInput,
    response: { status: 201, schema: Role },
  },
  {
    operationId: 'getRole',
    method: 'GET',
    path: '/api/v1/roles/{roleId}',
    group: 'roles',
    summary: 'Get a role',
    access: 'roles:view',
    auth: true,
    params: RoleParams,
    response: { status: 200, schema: Role },
    versioned: true,
  },
  {
    operationId: 'updateRole',
    method: 'PUT',
    path: '/api/v1/roles/{roleId}',
    group: 'roles',
    summary: 'Replace a role',
    access: 'roles:manage',
    auth: true,
    params: RoleParams,
    body: RoleInput,
    response: { status: 200, schema: Role },
    versioned: true,
  },
  {
    operationId: 'deleteRole',
    method: 'DELETE',
    path: '/api/v1/roles/{roleId}',
    group: 'roles',
    summary: 'Delete a role',
    access: 'roles:manage',
    auth: true,
    params: RoleParams,
    versioned: true,
  },
] as const satisfies readonly RouteDef[];
