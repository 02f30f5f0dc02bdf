// Records every write in the audit log, in one place for every route group (issue 6, Audit):
// who (the principal), when, from where (X-Drover-Client, source IP, user agent), what (the
// operation and the field-level diff of the document before and after it, secrets redacted).
//   - before: for PUT/PATCH/DELETE the group's GET at the same path, and for an action
//     (`…/{id}/rotate-secret`) the GET of its parent path, run with the same principal and
//     params just before the write (absent, e.g. 404: none);
//   - after: the response body (nothing for a 204 delete).
// Successful writes are always recorded; so are refused ones (403), from onError — the
// authorize middleware runs before this one, and middy runs every onError, innermost first.
// Other failures (400, 404, 409, 412…) changed nothing and are left out. Agent routes and
// reads are not recorded (high volume, no person's write). Storing an entry never fails the
// request (services/audit.ts logs a lost entry loudly).
import type { MiddlewareObj } from '@middy/core';
import type { AccessSubject } from '../../../domain/access/can';
import { environmentOfWrite, resourceOfWrite } from '../../../domain/audit/resource';
import { DroverError, NotFound } from '../../../domain/errors';
import { AuditClient } from '../../../domain/schemas/audit';
import type { Principal } from '../../../ports/identity';
import { type AuditDeps, recordAudit } from '../../../services/audit';
import type { ApiContext, ApiEvent, ApiResponse, Operation, ParsedRequest } from '../operation';
import type { RouteDef } from '../routes';

/** The fields the authorize middleware (ACCESS) adds to a principal, read when present. */
type AuditedPrincipal = Principal & { apiToken?: { id: string }; subject?: AccessSubject };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DOCUMENT_METHODS = new Set(['PUT', 'PATCH', 'DELETE']);

export function auditWrites(
  deps: AuditDeps,
  routes: readonly RouteDef[],
  operations: Record<string, Operation>,
): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  const reads = new Map(routes.filter((r) => r.method === 'GET').map((r) => [r.path, r]));
  const before = new WeakMap<object, unknown>();

  /** The GET whose document a write changes, if this group has one. */
  function readRouteOf(route: RouteDef): RouteDef | undefined {
    if (DOCUMENT_METHODS.has(route.method)) return reads.get(route.path);
    const parent = route.path.replace(/\/[^/{}]+$/, '');
    return parent !== route.path && parent.endsWith('}') ? reads.get(parent) : undefined;
  }

  async function record(
    parsed: ParsedRequest,
    event: ApiEvent,
    outcome: number,
    after: unknown,
    prior: unknown,
  ) {
    const principal = parsed.principal as AuditedPrincipal;
    const created = outcome === 201;
    const pathIds = (parsed.route.path.match(/\{(\w+)\}/g) ?? [])
      .map((p) => parsed.params[p.slice(1, -1)] ?? event.pathParameters?.[p.slice(1, -1)])
      .filter((v): v is string => typeof v === 'string');
    const sameDocument =
      prior !== undefined &&
      (after === undefined || idOf(after) === undefined || idOf(after) === idOf(prior));
    const header = event.headers?.['x-drover-client'] ?? event.headers?.['X-Drover-Client'];
    const client = AuditClient.exclude(['system']).safeParse(header?.trim().toLowerCase());
    const http = event.requestContext?.http;
    await recordAudit(deps, {
      accountId: principal.accountId,
      environmentId: environmentOfWrite(
        { ...(event.pathParameters as Record<string, string> | undefined), ...parsed.params },
        prior,
        after,
      ),
      actor: {
        userId: principal.userId,
        via: principal.via,
        ...(principal.apiToken?.id ? { tokenId: principal.apiToken.id } : {}),
      },
      source: {
        client: client.success ? client.data : 'api',
        ...(http?.sourceIp ? { ip: http.sourceIp } : {}),
        ...(http?.userAgent ? { userAgent: http.userAgent.slice(0, 512) } : {}),
      },
      action: parsed.route.operationId,
      resource: resourceOfWrite(pathIds, prior, after, created),
      // Only a diff of one document is a change: a create from nothing, an update or delete
      // from its before; an action answering some other document changes nothing we can show.
      before: created ? null : sameDocument ? prior : undefined,
      after: created || sameDocument ? (after ?? null) : undefined,
      outcome,
      ...(parsed.requestId ? { requestId: parsed.requestId } : {}),
    });
  }

  const audited = (parsed: ParsedRequest | undefined) =>
    parsed !== undefined &&
    WRITE_METHODS.has(parsed.route.method) &&
    parsed.route.auth === true &&
    parsed.principal !== null;

  return {
    name: 'auditWrites',
    before: async (request) => {
      const parsed = request.context.drover;
      if (!audited(parsed)) return;
      const read = readRouteOf(parsed.route);
      const operation = read && operations[read.operationId];
      if (!operation) return;
      try {
        const result = await operation({
          ...parsed,
          route: read,
          query: {},
          body: undefined,
          ifMatch: undefined,
        });
        before.set(request, result.body);
      } catch (error) {
        // The write will answer its own 404; anything else only costs the entry its before.
        if (!(error instanceof NotFound))
          deps.logger.warn('audit: could not read the document before a write', { error: error as Error });
      }
    },
    after: async (request) => {
      const parsed = request.context.drover;
      if (!audited(parsed)) return;
      const response = request.response;
      const status = response?.statusCode ?? 200;
      if (status >= 400) return;
      let body: unknown;
      try {
        body = typeof response?.body === 'string' && response.body ? JSON.parse(response.body) : undefined;
      } catch {
        body = undefined;
      }
      await record(parsed, request.event, status, status === 204 ? null : body, before.get(request));
    },
    onError: async (request) => {
      const parsed = request.context?.drover;
      if (!audited(parsed)) return;
      const error = request.error;
      if (error instanceof DroverError && error.status === 403)
        await record(parsed, request.event, 403, undefined, undefined);
    },
  };
}

function idOf(doc: unknown): unknown {
  return typeof doc === 'object' && doc !== null ? (doc as { id?: unknown }).id : undefined;
}
