// The portal's client of the audit route group (functions/contract/audit-routes.ts): one
// page of the log for a set of filters. Answers are parsed with the shared schema.
import type { AuditEntry } from '../../functions/domain/schemas/audit';
import { portalApi } from './portal-client';

export interface AuditFilters {
  environmentId?: string;
  userId?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  from?: string;
}

export type { AuditChange, AuditEntry } from '../../functions/domain/schemas/audit';

export const auditApi = {
  async page(
    filters: AuditFilters,
    page: { limit: number; cursor?: string },
    signal?: AbortSignal,
  ): Promise<{ items: AuditEntry[]; nextCursor?: string }> {
    const query = Object.fromEntries(
      Object.entries({ ...filters, ...page }).filter(([, v]) => v !== undefined && v !== ''),
    );
    return (await portalApi.listAudit({ query, signal })).body;
  },
};
