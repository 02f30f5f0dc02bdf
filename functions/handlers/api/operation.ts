// What an API operation is: a plain async function from a parsed, authenticated request to what
// it answers. Middlewares (middleware/*) do the parsing, authentication and error mapping; the
// status is the route's (its `response.status`, 204 without one), set here once, never restated
// by an operation.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { RouteDef } from '../../contract/routes';
import type { Principal } from '../../ports/identity';
import { ResponseContractBroken } from './response-contract-broken';

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResponse = APIGatewayProxyStructuredResultV2;

export interface ParsedRequest {
  route: RouteDef;
  principal: Principal | null;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** The version named by If-Match (`"3"`), `'*'` for any, undefined when absent. */
  ifMatch: number | '*' | undefined;
  requestId: string;
  /** Where the request came from (API Gateway's source IP and User-Agent): throttles and audit entries. */
  source: { ip?: string; userAgent?: string };
}

export interface ApiContext extends Context {
  drover: ParsedRequest;
}

/** An answer on its way out: the route's status, the body and headers the operation gave. */
export interface OperationResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A body that comes with headers of its own (ETag, Cache-Control). */
export class Reply {
  constructor(
    readonly body: unknown,
    readonly headers: Record<string, string>,
  ) {}
}

/** What the route's schemas let through; each operation reads its own fields after validation. */
// biome-ignore lint/suspicious/noExplicitAny: the routing table is data, so the per-route types are not known here
type Validated = any;

/** Answers the body (nothing for a 204 route), or a Reply when headers go with it. */
export type Operation = (
  request: ParsedRequest & { principal: Validated; params: Validated; query: Validated; body: Validated },
) => Promise<unknown>;

/** An operation with its route's status set (resultOf): what the middlewares around it read. */
export type RoutedOperation = (request: ParsedRequest) => Promise<OperationResult>;

/** The versioned document with its ETag. */
export function withEtag(doc: { version: number }): Reply {
  return new Reply(doc, { ETag: `"${doc.version}"` });
}

/**
 * What an operation answered, under its route's status. A body on a route that answers 204 is a
 * bug of ours, refused like a body that breaks its schema (strip-response.ts).
 */
export function resultOf(route: RouteDef, answer: unknown): OperationResult {
  const { body, headers } = answer instanceof Reply ? answer : { body: answer, headers: undefined };
  const status = route.response?.status ?? 204;
  if (status === 204 && body !== undefined)
    throw new ResponseContractBroken(route.operationId, 'a body on a route that answers 204');
  return { status, ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) };
}
