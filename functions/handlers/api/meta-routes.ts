// The `meta` group's part of the API routing table beyond the OpenAPI document (routes.ts spreads
// it into API_ROUTES): public facts about the runtime the portal reads before sign-in.
import { RuntimeInfo } from '../../domain/schemas/runtime-info';
import type { RouteDef } from './routes';

export const META_ROUTES: RouteDef[] = [
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
];
