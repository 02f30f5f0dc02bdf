// Use-cases of the audit log: noting what a write changed (auditWrite, called by the service
// that made it), recording an entry (the API's audit middleware for every write, system actions
// such as a lease expiry through recordSystemAudit) and reading the log. Recording never fails
// the caller: the write it describes has already happened, so a lost entry is logged loudly (an
// alarm's matter) instead of turning a done write into an error.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '@aws-lambda-powertools/logger';
import { ulid } from 'ulid';
import { auditChanges } from '../domain/audit/changes';
import { NotFound } from '../domain/errors';
import { ID_PREFIXES } from '../domain/ids';
import type { AuditEntry, AuditQuery } from '../domain/schemas/audit';
import type { Page } from '../domain/schemas/common';
import type { AuditFilter } from '../ports/audit-store';
import type { Clock } from '../ports/clock';
import type { Principal } from '../ports/identity';
import type { Store } from '../ports/store';

export interface AuditDeps {
  store: Pick<Store, 'audit'>;
  clock: Clock;
  logger: Logger;
}

/** An entry as its recorder knows it: the id and time are the log's, the changes come from the documents. */
export type AuditRecord = Omit<AuditEntry, 'id' | 'at' | 'changes' | 'changesTruncated'> & {
  /** The documents around the write (redacted and diffed here); null/undefined when there is none. */
  before?: unknown;
  after?: unknown;
};

/**
 * The documents one write is about, as the service that made it holds them: `before` the version
 * it read (for If-Match, or to act on), `after` the one it stored (null: it deleted the document;
 * the same as before: an action that changed nothing of it). Both as the resource's GET shows them.
 */
export interface WrittenDocuments {
  before: unknown;
  after: unknown;
}

/** The write noted while an API operation runs (collectAuditedWrite); one scope per request. */
const writeScope = new AsyncLocalStorage<{ written?: WrittenDocuments }>();

/**
 * Notes the documents of the write a service just made, for the request's audit entry. The
 * service already holds both, so the log never reads a document again around a write. Outside
 * an API request (the reconciler, the local seed) there is no entry to build and it does nothing.
 */
export function auditWrite(written: WrittenDocuments): void {
  const scope = writeScope.getStore();
  if (scope) scope.written = written;
}

/** Runs one API operation and answers what its service noted with auditWrite (if anything). */
export async function collectAuditedWrite<T>(
  operation: () => Promise<T>,
): Promise<{ result: T; written?: WrittenDocuments }> {
  const scope: { written?: WrittenDocuments } = {};
  const result = await writeScope.run(scope, operation);
  return { result, ...(scope.written ? { written: scope.written } : {}) };
}

/** Records one entry; never throws (see the header). Answers the entry, or undefined when it was lost. */
export async function recordAudit(deps: AuditDeps, record: AuditRecord): Promise<AuditEntry | undefined> {
  const { before, after, ...rest } = record;
  let entry: AuditEntry | undefined;
  try {
    const at = deps.clock.now();
    // The id's ULID carries the entry's time, so the log sorts by time and time ranges are key ranges.
    entry = {
      id: `${ID_PREFIXES.audit}-${ulid(at.getTime()).toLowerCase()}`,
      at: at.toISOString(),
      ...rest,
      ...auditChanges(before, after),
    };
    await deps.store.audit.append(entry);
    return entry;
  } catch (error) {
    deps.logger.error('AUDIT ENTRY LOST: a write happened but its audit entry could not be stored', {
      error: error as Error,
      auditAction: record.action,
      accountId: record.accountId,
      resource: record.resource,
      actor: record.actor,
      outcome: record.outcome,
    });
    return undefined;
  }
}

/** A system action (no user behind it): the reconciler expiring a lease, terminating a farm… */
export function recordSystemAudit(
  deps: AuditDeps,
  record: Omit<AuditRecord, 'actor' | 'source' | 'outcome'> & { outcome?: number },
): Promise<AuditEntry | undefined> {
  return recordAudit(deps, {
    ...record,
    actor: { userId: 'system', via: 'system' },
    source: { client: 'system' },
    outcome: record.outcome ?? 200,
  });
}

export async function listAudit(
  deps: Pick<AuditDeps, 'store'>,
  principal: Principal,
  query: AuditQuery,
  visibleEnvironmentIds?: readonly string[],
): Promise<Page<AuditEntry>> {
  const { limit, cursor, ...filters } = query;
  const filter: AuditFilter = { ...filters, ...(visibleEnvironmentIds ? { visibleEnvironmentIds } : {}) };
  return deps.store.audit.list({ accountId: principal.accountId }, filter, { limit, cursor });
}

export async function getAudit(
  deps: Pick<AuditDeps, 'store'>,
  principal: Principal,
  auditId: string,
  visibleEnvironmentIds?: readonly string[],
): Promise<AuditEntry> {
  const entry = await deps.store.audit.get({ accountId: principal.accountId }, auditId);
  const visible =
    entry &&
    (!visibleEnvironmentIds ||
      (entry.environmentId !== null && visibleEnvironmentIds.includes(entry.environmentId)));
  if (!entry || !visible) throw new NotFound(`Audit entry ${auditId} not found`);
  return entry;
}
