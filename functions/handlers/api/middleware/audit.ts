// Records every write in the audit log, in one place for every route group (issue 6, Audit):
// who (the principal), when, from where (X-Drover-Client, source IP, user agent), what (the
// operation and the field-level diff of the document before and after it, secrets redacted).
// The documents come from the write itself, never from reading them again:
//   - a create (201): nothing before, its answer after;
//   - a write whose service noted its documents (services/audit.ts auditWrite: updates, deletes
//     and actions on a document it read first): those;
//   - any other write: no diff; its answer names the resource.
// Successful writes are always recorded; so are refused ones (403), from onError — the
// authorize middleware runs before this one, and middy runs every onError, innermost first.
// Other failures (400, 404, 409, 412…) changed nothing and are left out. Agent routes and
// reads are not recorded (high volume, no person's write). Storing an entry never fails the
// request (services/audit.ts logs a lost entry loudly).
import type { MiddlewareObj } from '@middy/core';
import type { AccessSubject } from '../../../domain/access/can';
import { environmentOfWrite, resourceOfWrite } from '../../../domain/audit/resource';
import { DroverError } from '../../../domain/errors';
import { AuditClient } from '../../../domain/schemas/audit';
import type { Principal } from '../../../ports/identity';
import type { Store } from '../../../ports/store';
import {
  type AuditDeps,
  collectAuditedWrite,
  recordAudit,
  type WrittenDocuments,
} from '../../../services/audit';
import type {
  ApiContext,
  ApiEvent,
  ApiResponse,
  OperationResult,
  ParsedRequest,
  RoutedOperation,
} from '../operation';
import { resourceOf } from './authorize-resource';

/** The fields the authorize middleware (ACCESS) adds to a principal, read when present. */
type AuditedPrincipal = Principal & { apiToken?: { id: string }; subject?: AccessSubject };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What an entry says changed: a diff between these (both undefined: nothing shown). */
interface Documents {
  before?: unknown;
  after?: unknown;
  /** The document the write was about, for naming the resource. */
  subject?: unknown;
  /** Otherwise the answer, which names the resource when it is the one in the path (launch answers the farm). */
  answer?: unknown;
}

/** What an operation answered and noted, kept for the `after` hook (the response is text by then). */
const outcomes = new WeakMap<ParsedRequest, { answer: unknown; written?: WrittenDocuments }>();

/** Runs a route's operation so that its audit entry can be built from the documents it held. */
export async function runAudited(
  request: ParsedRequest,
  operation: RoutedOperation,
): Promise<OperationResult> {
  const { result, written } = await collectAuditedWrite(() => operation(request));
  outcomes.set(request, { answer: result.body, ...(written ? { written } : {}) });
  return result;
}

export function auditWrites(
  deps: AuditDeps & { store: Pick<Store, 'audit' | 'farms' | 'environments' | 'roles'> },
): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    name: 'auditWrites',
    after: async (request) => {
      const parsed = request.context.drover;
      if (!audited(parsed)) return;
      const status = request.response?.statusCode ?? 200;
      if (status >= 400) return;
      const outcome = outcomes.get(parsed);
      await recordWrite(deps, parsed, request.event, status, documentsOf(status, outcome));
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
      await recordWrite(deps, parsed, request.event, 403, {
        answer: environmentId ? { environmentId } : undefined,
      });
    },
  };
}

function audited(parsed: ParsedRequest | undefined): parsed is ParsedRequest {
  return (
    parsed !== undefined &&
    WRITE_METHODS.has(parsed.route.method) &&
    parsed.route.auth === true &&
    parsed.principal !== null
  );
}

function documentsOf(status: number, outcome?: { answer: unknown; written?: WrittenDocuments }): Documents {
  const answer = asJson(outcome?.answer);
  if (status === 201) return { before: null, after: answer ?? null, subject: answer };
  if (!outcome?.written) return { answer };
  const before = asJson(outcome.written.before);
  const after = asJson(outcome.written.after) ?? null;
  return { before, after, subject: after ?? before };
}

/** A document as the API answers it (no undefined fields, dates as text), which is what is diffed. */
function asJson(doc: unknown): unknown {
  return doc === undefined ? undefined : JSON.parse(JSON.stringify(doc));
}

async function recordWrite(
  deps: AuditDeps,
  parsed: ParsedRequest,
  event: ApiEvent,
  outcome: number,
  docs: Documents,
) {
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
