// A middy request as the API's middlewares see it, built by hand so that one middleware runs on
// its own: the event API Gateway would send for one route of the route table, and the parsed
// request the middlewares before it would have filled in.
import type { Request } from '@middy/core';
import { API_ROUTES, type RouteDef } from '../../../functions/contract/routes';
import type {
  ApiContext,
  ApiEvent,
  ApiResponse,
  ParsedRequest,
} from '../../../functions/handlers/api/operation';

export type ApiRequest = Request<ApiEvent, ApiResponse, Error, ApiContext>;

export function route(operationId: string): RouteDef {
  const found = API_ROUTES.find((r) => r.operationId === operationId);
  if (!found) throw new Error(`no route ${operationId}`);
  return found;
}

/** The event of a call to `route` with these path parameters (filled into its path). */
export function apiEvent(
  def: RouteDef,
  parts: {
    params?: Record<string, string>;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    body?: string;
    rawPath?: string;
  } = {},
): ApiEvent {
  const params = parts.params ?? {};
  const rawPath = def.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
  return {
    version: '2.0',
    routeKey: `${def.method} ${def.path}`,
    rawPath: parts.rawPath ?? rawPath,
    rawQueryString: new URLSearchParams(parts.query ?? {}).toString(),
    headers: parts.headers ?? {},
    ...(parts.query ? { queryStringParameters: { ...parts.query } } : {}),
    ...(def.path.includes('{') ? { pathParameters: params } : {}),
    ...(parts.body !== undefined ? { body: parts.body } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      requestId: 'req-1',
      routeKey: `${def.method} ${def.path}`,
      stage: '$default',
      time: '',
      timeEpoch: 0,
      http: {
        method: def.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.7',
        userAgent: 'drover-cli/test',
      },
    },
  };
}

/** The request a middleware gets; `drover` as the middlewares before it left it (none: undefined). */
export function middyRequest(
  event: ApiEvent,
  drover?: Partial<ParsedRequest> & { route: RouteDef },
): ApiRequest {
  const context = {} as ApiContext;
  if (drover) {
    context.drover = {
      principal: null,
      params: {},
      query: {},
      body: undefined,
      ifMatch: undefined,
      requestId: 'req-1',
      source: {},
      ...drover,
    };
  }
  return { event, context, response: undefined, error: undefined, internal: {} } as unknown as ApiRequest;
}
