// What an API operation is: a plain async function from a parsed, authenticated request
// to a result. Middlewares (middleware/*) do the parsing, authentication and error mapping.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { RouteDef } from '../../contract/routes';
import type { Principal } from '../../ports/identity';

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

export interface OperationResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the route's schemas let through; each operation reads its own fields after validation. */
// biome-ignore lint/suspicious/noExplicitAny: the routing table is data, so the per-route types are not known here
type Validated = any;

export type Operation = (
  request: ParsedRequest & { principal: Validated; params: Validated; query: Validated; body: Validated },
) => Promise<OperationResult>;

/** 200/201 with the versioned document and its ETag. */
export function withEtag(status: number, doc: { version: number }): OperationResult {
  return { status, body: doc, headers: { ETag: `"${doc.version}"` } };
}
