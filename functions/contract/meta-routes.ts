// The `meta` group's part of the API routing table beyond the OpenAPI document (routes.ts spreads
// it into API_ROUTES): public facts about the runtime the portal reads before sign-in.
import { z } from 'zod';
import { RuntimeInfo } from '../domain/schemas/runtime-info';
import type { RouteDef } from './route-def';

/** The OpenAPI document, listed apart so API_ROUTES keeps its order. */
export const OPENAPI_ROUTES = [
  {
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/api/v1/openapi.json',
    group: 'meta',
    summary: 'This API as OpenAPI 3.1',
    access: 'none',
    auth: false,
    // Its own document leaves itself out (openapi.ts); this only says the answer is one.
    response: { status: 200, schema: z.looseObject({ openapi: z.string() }) },
  },
] as const satisfies readonly RouteDef[];

export const META_ROUTES = [
  {
    operationId: 'getRuntimeInfo',
    method: 'GET',
    path: '/api/v1/runtime',
    group: 'meta',
    summary: 'Which runtime serves this API (local or aws) and, locally, where the demo sign-in is',
    access: 'none',
    auth: false,
    response: { status: 200, schema: RuntimeInfo },
  },
] as const satisfies readonly RouteDef[];
