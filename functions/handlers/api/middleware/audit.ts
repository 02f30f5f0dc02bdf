// Records every write in the audit log, in one place for every route group (issue 6, Audit):
// who (the principal), when, from where (X-Drover-Client, source IP, user agent), what (the
// operation and the field-level diff of the document before and after it, secrets redacted).
//   - before: for PUT/PATCH/DELETE the group's GET at the same path, else the GET of the nearest
//     enclosing `…/{id}` path (`…/{id}/rotate-secret`, `/teams/{teamId}/members/{userId}`), run
//     with the same principal and params just before the write (absent, e.g. 404: none); it
//     counts only when the write answers that same document (or nothing, for a delete);
//   - after: the response body (nothing for a 204 delete).
// Successful writes are always recorded; so are refused ones (403), from onError — the
// authorize middleware runs before this one, and middy runs every onError, innermost first.
// Other failures (400, 404, 409, 412…) changed nothing and are left out. Agent routes and
// reads are not recorded (high volume, no person's write). Storing an entry never fails the
// request (services/audit.ts logs a lost entry loudly).
import type { MiddlewareObj } from '@middy/core';
import type { RouteDef } from '../../../contract/routes';
import type { AccessSubject } from '../../../domain/access/can';
import { environmentOfWrite, resourceOfWrite } from '../../../domain/audit/resource';
import { DroverError, NotFound } from '../../../domain/errors';
import { AuditClient } from '../../../domain/schemas/audit';
import type { Principal } from '../../../ports/identity';
import type { Store } from '../../../ports/store';
import { type AuditDeps, recordAudit } from '../../../services/audit';
import type { ApiContext, ApiEvent, ApiResponse, Operation, ParsedRequest } from '../operation';
import { resourceOf } from './authorize-resource';

/** The fields the authorize middleware (ACCESS) adds to a principal, read when present. */
type AuditedPrincipal = Principal & { apiToken?: { id: string }; subject?: AccessSubject };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DOCUMENT_METHODS = new Set(['PUT', 'PATCH', 'DELETE']);

/** The document a write is about, read before it, and whether it was read at the write's own path. */
interface Prior {
  doc: unknown;
  samePath: boolean;
}

/** What an entry says changed: a diff between these (both undefined: nothing shown). */
interface Documents {
  before?: unknown;
  after?: unknown;
  /** The document the write was about, for naming the resource. */
  subject?: unknown;
  /** Otherwise the answer, which names the resource when it is the one in the path (launch answers the farm). */
  answer?: unknown;
}

export function auditWrites(
  deps: AuditDeps & { store: Pick<Store, 'audit' | 'farms' | 'environments' | 'roles'> },
  routes: readonly RouteDef[],
  operations: Record<string, Operation>,
): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  const reads = new Map(routes.filter((r) => r.method === 'GET').map((r) => [r.path, r]));
  const priors = new WeakMap<object, Prior>();

  /**
   * The GET whose document a write changes: the same path for PUT/PATCH/DELETE, else the nearest
   * enclosing `…/{id}` path this group reads (`/teams/{teamId}` for adding a member).
   */
  function readRouteOf(route: RouteDef): { read: RouteDef; samePath: boolean } | undefined {
    if (DOCUMENT_METHODS.has(route.method) && reads.has(route.path))
      return { read: reads.get(route.path)!, samePath: true };
    const segments = route.path.split('/');
    for (let end = segments.length - 1; end > 0; end--) {
      const prefix = segments.slice(0, end).join('/');
      if (prefix.endsWith('}') && reads.has(prefix)) return { read: reads.get(prefix)!, samePath: false };
    }
    return undefined;
  }

  /** Runs the read with the writer's principal and params; undefined when the document is not there. */
  async function readDocument(parsed: ParsedRequest, read: RouteDef): Promise<unknown> {
    const operation = operations[read.operationId];
    if (!operation) return undefined;
    try {
      const result = await operation({
        ...parsed,
        route: read,
        query: {},
        body: undefined,
        ifMatch: undefined,
      });
      return result.body;
    } catch (error) {
      // A missing document is an answer (the write will say 404, or it deleted it); anything
      // else only costs the entry its diff.
      if (!(error instanceof NotFound))
        deps.logger.warn('audit: could not read the document around a write', { error: error as Error });
      return undefined;
    }
  }

  /**
   * Only a diff of one document is a change: a create from nothing; a delete of the document
   * itself to nothing; an update whose answer is the document read before it. Anything else
   * that had a document read before it (an action, a member added) reads it again after.
   */
  async function documentsOf(parsed: ParsedRequest, status: number, body: unknown, prior?: Prior) {
    if (status === 201) return { before: null, after: body ?? null, subject: body } satisfies Documents;
    if (!prior) return { answer: body } satisfies Documents;
    if (prior.samePath && parsed.route.method === 'DELETE')
      return { before: prior.doc, after: null, subject: prior.doc } satisfies Documents;
    if (idOf(body) !== undefined && idOf(body) === idOf(prior.doc))
      return { before: prior.doc, after: body, subject: body } satisfies Documents;
    const read = readRouteOf(parsed.route)!.read;
    const again = await readDocument(parsed, read);
    return { before: prior.doc, after: again ?? null, subject: prior.doc } satisfies Documents;
  }

  async function record(parsed: ParsedRequest, event: ApiEvent, outcome: number, docs: Documents) {
    const principal = parsed.principal as AuditedPrincipal;
    const params = { ...(event.pathParameters as Record<string, string> | undefined), ...parsed.params };
    const pathIds = (parsed.route.path.match(/\{(\w+)\}/g) ?? [])
      .map((p) => params[p.slice(1, -1)])
      .filter((v): v is string => typeof v === 'string');
    const header = event.headers?.['x-drover-client'] ?? event.headers?.['X-Drover-Client'];
    const client = AuditClient.exclude(['system']).safeParse(header?.trim().toLowerCase());
    const http = event.requestContext?.http;
    await recordAudit(deps, {
      accountId: principal.accountId,
      environmentId: environmentOfWrite(params, docs.before, docs.after ?? docs.subject ?? docs.answer),
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
      resource: resourceOfWrite(
        pathIds,
        outcome === 201 ? undefined : docs.subject,
        docs.subject ?? docs.answer,
        outcome === 201,
      ),
      before: docs.before,
      after: docs.after,
      outcome,
      ...(parsed.requestId ? { requestId: parsed.requestId } : {}),
    });
  }

  const audited = (parsed: ParsedRequest | undefined): parsed is ParsedRequest =>
    parsed !== undefined &&
    WRITE_METHODS.has(parsed.route.method) &&
    parsed.route.auth === true &&
    parsed.principal !== null;

  return {
    name: 'auditWrites',
    before: async (request) => {
      const parsed = request.context.drover;
      if (!audited(parsed)) return;
      const found = readRouteOf(parsed.route);
      if (!found) return;
      const doc = await readDocument(parsed, found.read);
      if (doc !== undefined) priors.set(request, { doc, samePath: found.samePath });
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
      await record(
        parsed,
        request.event,
        status,
        await documentsOf(parsed, status, body, priors.get(request)),
      );
    },
    onError: async (request) => {
      const parsed = request.context?.drover;
      if (!audited(parsed)) return;
      const error = request.error;
      if (!(error instanceof DroverError && error.status === 403)) return;
      // Nothing was read for a refused write; the environment is the one access was decided in.
      const environmentId = await resourceOf(deps.store, parsed.principal!.accountId, parsed).then(
        (r) => r.environmentId,
        () => undefined,
      );
      await record(parsed, request.event, 403, { answer: environmentId ? { environmentId } : undefined });
    },
  };
}

function idOf(doc: unknown): unknown {
  return typeof doc === 'object' && doc !== null ? (doc as { id?: unknown }).id : undefined;
}
