// Finds the route of the event (API Gateway's routeKey, e.g. `GET /api/v1/farms/{farmId}`)
// so the middlewares after it know whether to authenticate and what to validate.
import type { MiddlewareObj } from '@middy/core';
import { NotFound } from '../../../domain/errors';
import type { ApiContext, ApiEvent, ApiResponse } from '../operation';
import type { RouteDef } from '../routes';

export function resolveRoute(routes: RouteDef[]): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  const byKey = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
  return {
    name: 'resolveRoute',
    before: async (request) => {
      const route = byKey.get(request.event.routeKey);
      if (!route) throw new NotFound(`No operation for ${request.event.routeKey}`);
      request.context.drover = {
        route,
        principal: null,
        params: {},
        query: {},
        body: undefined,
        ifMatch: undefined,
        requestId: request.event.requestContext?.requestId ?? '',
      };
    },
  };
}
