// Finds the route of the event (API Gateway's routeKey, e.g. `GET /api/v1/farms/{farmId}`)
// so the middlewares after it know whether to authenticate and what to validate, after checking
// that the raw path really names that route.
import type { MiddlewareObj } from '@middy/core';
import type { RouteDef } from '../../../contract/routes';
import { NotFound } from '../../../domain/errors';
import type { ApiContext, ApiEvent, ApiResponse } from '../operation';
import { matchTemplate } from '../raw-path';

export function resolveRoute(routes: RouteDef[]): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  const byKey = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
  return {
    name: 'resolveRoute',
    before: async (request) => {
      const route = byKey.get(request.event.routeKey);
      if (!route) throw new NotFound(`No operation for ${request.event.routeKey}`);
      if (!rawPathMatches(request.event, route)) throw new NotFound('No such API path');
      request.context.drover = {
        route,
        principal: null,
        params: {},
        query: {},
        body: undefined,
        ifMatch: undefined,
        requestId: request.event.requestContext?.requestId ?? '',
        source: {
          ...(request.event.requestContext?.http?.sourceIp
            ? { ip: request.event.requestContext.http.sourceIp }
            : {}),
          ...(request.event.requestContext?.http?.userAgent
            ? { userAgent: request.event.requestContext.http.userAgent.slice(0, 512) }
            : {}),
        },
      };
    },
  };
}

/**
 * The route API Gateway chose must be the one the raw path names, with the same path parameters:
 * a path with dot segments or encoded slashes is never routed (see raw-path.ts), whatever
 * normalisation happened before. A named stage prefixes rawPath; `$default` does not.
 */
function rawPathMatches(event: ApiEvent, route: RouteDef): boolean {
  const stage = event.requestContext?.stage;
  const prefix = stage && stage !== '$default' ? `/${stage}` : '';
  const rawPath = event.rawPath?.startsWith(`${prefix}/`)
    ? event.rawPath.slice(prefix.length)
    : event.rawPath;
  const params = matchTemplate(route.path, rawPath ?? '');
  if (!params) return false;
  const given = event.pathParameters ?? {};
  return Object.entries(params).every(([name, value]) => given[name] === value);
}
