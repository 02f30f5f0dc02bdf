// The `servers` group's part of the API routing table (routes.ts assembles API_ROUTES): a farm's
// servers, one server's terminate and reboot, and the farm's event log.
import { z } from 'zod';
import { PageQuery, pageOf } from '../domain/schemas/common';
import { FarmEvent } from '../domain/schemas/farm-event';
import { Server } from '../domain/schemas/server';
import { FarmParams, ServerParams } from './path-params';
import type { RouteDef } from './route-def';

const ServerList = z.object({ items: z.array(Server) }).meta({ id: 'ServerList' });
const ServerListQuery = z.object({ status: z.enum(['all', 'live']).default('all') });

export const SERVER_ROUTES = [
  {
    operationId: 'listServers',
    method: 'GET',
    path: '/api/v1/farms/{farmId}/servers',
    group: 'servers',
    summary: "A farm's servers with their live statuses",
    access: 'servers:view',
    auth: true,
    params: FarmParams,
    query: ServerListQuery,
    response: { status: 200, schema: ServerList },
  },
  {
    operationId: 'terminateServer',
    method: 'POST',
    path: '/api/v1/farms/{farmId}/servers/{serverId}/terminate',
    group: 'servers',
    summary: 'Terminate one server (the farm replaces it when below its minimum)',
    access: 'servers:terminate',
    auth: true,
    params: ServerParams,
    response: { status: 202, schema: Server },
  },
  {
    operationId: 'rebootServer',
    method: 'POST',
    path: '/api/v1/farms/{farmId}/servers/{serverId}/reboot',
    group: 'servers',
    summary: 'Reboot one server',
    access: 'servers:reboot',
    auth: true,
    params: ServerParams,
    response: { status: 202, schema: Server },
  },
  {
    operationId: 'listFarmEvents',
    method: 'GET',
    path: '/api/v1/farms/{farmId}/events',
    group: 'servers',
    summary: "A farm's event log, newest first",
    access: 'farms:view',
    auth: true,
    params: FarmParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(FarmEvent) },
  },
] as const satisfies readonly RouteDef[];
