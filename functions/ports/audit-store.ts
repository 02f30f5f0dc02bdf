// The audit log's persistence port: entries are appended once and never changed; read newest
// first, by account, with filters and cursor pages.
import type { AuditEntry } from '../domain/schemas/audit';
import type { Page, PageQuery } from '../domain/schemas/common';
import type { AccountScope } from './repo-scopes';

export interface AuditFilter {
  environmentId?: string;
  userId?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  /** Inclusive bounds on the entry's time (ISO 8601). */
  from?: string;
  to?: string;
  /**
   * When set, only entries of these environments (a team member with audit:view sees the
   * environments their teams are granted; account-level entries, with no environment, are for
   * owners and admins).
   */
  visibleEnvironmentIds?: readonly string[];
}

export interface AuditRepo {
  /** Fails with Conflict if the id exists (ids are ULIDs, so only a replayed write could). */
  append(entry: AuditEntry): Promise<void>;
  get(scope: AccountScope, id: string): Promise<AuditEntry | undefined>;
  /** Newest first. A page may hold fewer than `limit` entries and still have a next cursor. */
  list(scope: AccountScope, filter: AuditFilter, page: PageQuery): Promise<Page<AuditEntry>>;
}
