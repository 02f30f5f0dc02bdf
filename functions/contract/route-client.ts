// The typed client's engine, for any slice of the route table (the agent passes only its own
// routes, so its bundle holds none of the others' schemas): per call it checks the input against
// the route's schemas before sending, fills and encodes the path, sends the token and If-Match,
// parses a success with the route's response schema and turns any other outcome into ApiProblem.
import type { FieldIssue } from '../domain/errors';
import { ApiProblem } from './api-problem';
import type { ApiClientOf } from './client-types';
import { parsePart, summariseIssues } from './request-issues';
import type { RouteDef } from './route-def';

export interface ClientOptions {
  /** The API root, ending in `/api` (`http://localhost:3000/api`; `/api` in the portal). */
  baseUrl: string;
  /** The bearer token, or a function asking for it per call (it may throw "not signed in"). */
  token?: string;
  getToken?: () => string | undefined | Promise<string | undefined>;
  fetch?: typeof fetch;
  /** Sent with every call, e.g. `x-drover-client` for the audit log. */
  headers?: Record<string, string>;
  /** Per call; none when absent. */
  timeoutMs?: number;
  /** What to throw instead of an ApiProblem (e.g. the CLI's errors with exit codes). */
  onProblem?: (problem: ApiProblem, route: RouteDef) => unknown;
}

interface RawInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  ifMatch?: number | string;
  signal?: AbortSignal;
}

export function createRouteClient<const Routes extends readonly RouteDef[]>(
  routes: Routes,
  options: ClientOptions,
): ApiClientOf<Routes> {
  const client: Record<string, unknown> = {};
  for (const route of routes) {
    const call = async (input: RawInput = {}) => {
      try {
        return await send(route, input, options);
      } catch (error) {
        if (error instanceof ApiProblem && options.onProblem) throw options.onProblem(error, route);
        throw error;
      }
    };
    client[route.operationId] = Object.assign(call, { route });
  }
  return client as ApiClientOf<Routes>;
}

async function send(route: RouteDef, input: RawInput, options: ClientOptions) {
  checkRequest(route, input);
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (route.auth !== false) {
    const token = options.getToken ? await options.getToken() : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
  }
  if (input.ifMatch !== undefined)
    headers['if-match'] = typeof input.ifMatch === 'number' ? `"${input.ifMatch}"` : input.ifMatch;
  const body = input.body === undefined ? undefined : JSON.stringify(input.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = urlOf(options.baseUrl, route, input);
  const signals = [input.signal, options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined];
  const signal = AbortSignal.any(signals.filter((s): s is AbortSignal => s !== undefined));
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(url, { method: route.method, headers, body, signal });
  } catch (error) {
    if (input.signal?.aborted) throw error;
    throw unreachable(options.baseUrl, error);
  }
  const text = await res.text();
  const parsed = parseJson(text);
  if (!res.ok) throw ApiProblem.ofAnswer(res.status, res.statusText, parsed);
  return {
    status: res.status,
    etag: res.headers.get('etag') ?? undefined,
    // A route given without its schemas (the agent's wire slice) answers the JSON as it came.
    body: res.status === 204 ? undefined : route.response ? parseResponse(route, res.status, parsed) : parsed,
  };
}

/** The request as the API would check it: the same issues, before anything is sent. */
function checkRequest(route: RouteDef, input: RawInput): void {
  const issues: FieldIssue[] = [];
  parsePart(route.params, input.params ?? {}, 'path', issues);
  parsePart(route.query, stringsOf(input.query), 'query', issues);
  if (route.body) parsePart(route.body, input.body, 'body', issues);
  if (issues.length === 0) return;
  const detail = summariseIssues(issues);
  throw new ApiProblem(
    { type: 'about:blank', title: 'Invalid input', status: 400, code: 'InvalidInput', detail, issues },
    'request',
  );
}

/** The route's path with each `{name}` filled and encoded, and the query string. */
export function urlOf(baseUrl: string, route: RouteDef, input: RawInput): string {
  const path = route.path
    .replace(/^\/api(?=\/)/, '')
    .replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(input.params?.[name] ?? '')));
  const query = new URLSearchParams(stringsOf(input.query)).toString();
  return `${baseUrl.replace(/\/+$/, '')}${path}${query ? `?${query}` : ''}`;
}

/** A query as the API receives it: strings, absent values left out. */
function stringsOf(query: Record<string, unknown> | undefined): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null) strings[key] = String(value);
  return strings;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function parseResponse(route: RouteDef, status: number, body: unknown): unknown {
  const parsed = route.response!.schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    in: 'response',
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new ApiProblem(
    {
      type: 'about:blank',
      title: 'Unexpected response from the API',
      status,
      code: 'ResponseInvalid',
      detail: `${route.method} ${route.path} answered a body its contract does not describe`,
      issues,
    },
    'response',
  );
}

function unreachable(baseUrl: string, error: unknown): ApiProblem {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why =
    (error as Error).name === 'TimeoutError'
      ? 'no answer in time'
      : (cause?.code ?? cause?.message ?? (error as Error).message);
  return new ApiProblem(
    {
      type: 'about:blank',
      title: 'API unreachable',
      status: 0,
      code: 'Unreachable',
      detail: `Cannot reach the Drover API at ${baseUrl} (${why}).`,
    },
    'unreachable',
    { cause: error },
  );
}
