// Turns a Node HTTP request into an API Gateway HTTP API (payload v2) event for the route it
// matches in the routing table, and a handler's structured result back into a response —
// what API Gateway does in AWS, so the handlers run unchanged.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteDef } from '../functions/contract/routes';
import type { ApiEvent, ApiResponse } from '../functions/handlers/api/operation';
import { matchTemplate } from '../functions/handlers/api/raw-path';

export interface CompiledRoute {
  route: RouteDef;
}

export function compileRoutes(routes: RouteDef[]): CompiledRoute[] {
  return routes.map((route) => ({ route }));
}

export type RouteMatch =
  | { kind: 'match'; route: RouteDef; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/** Routes the path as the client sent it (see raw-path.ts): never a path a URL parser normalised. */
export function matchRoute(compiled: CompiledRoute[], method: string, rawPath: string): RouteMatch {
  const allow: string[] = [];
  for (const { route } of compiled) {
    const pathParameters = matchTemplate(route.path, rawPath);
    if (!pathParameters) continue;
    if (route.method !== method) {
      allow.push(route.method);
      continue;
    }
    return { kind: 'match', route, pathParameters };
  }
  return allow.length ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
}

/** The request's path before any normalisation (`req.url` without its query). */
export function rawPathOf(req: IncomingMessage): string {
  const target = req.url ?? '/';
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

export function toApiEvent(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  match: Extract<RouteMatch, { kind: 'match' }>,
): ApiEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const routeKey = `${match.route.method} ${match.route.path}`;
  const now = new Date();
  const text = body.toString('utf8');
  const binary = !Buffer.from(text, 'utf8').equals(body);
  return {
    version: '2.0',
    routeKey,
    rawPath: rawPathOf(req),
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: match.route.method,
        path: rawPathOf(req),
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length
      ? { body: binary ? body.toString('base64') : text, isBase64Encoded: binary }
      : { isBase64Encoded: false }),
  };
}

export function writeApiResponse(res: ServerResponse, result: ApiResponse): void {
  res.statusCode = result.statusCode ?? 200;
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, String(value));
  for (const cookie of result.cookies ?? []) res.appendHeader('Set-Cookie', cookie);
  const body = result.body ?? '';
  res.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}
