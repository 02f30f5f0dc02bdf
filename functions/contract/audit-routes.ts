// The `audit` group's part of the API routing table (routes.ts spreads it into API_ROUTES):
// reading the audit log. Writing it is no route's job: the audit middleware records every write.
import { z } from 'zod';
import { AuditEntry, AuditQuery } from '../domain/schemas/audit';
import { idOf, pageOf } from '../domain/schemas/common';
import type { RouteDef } from './route-def';

const AuditParams = z.object({ auditId: idOf('audit') });

export const AUDIT_ROUTES = [
  {
    operationId: 'listAudit',
    method: 'GET',
    path: '/api/v1/audit',
    group: 'audit',
    summary:
      'The audit log, newest first, filtered by environment, user, resource, action and time (owners and admins see every entry; others the environments where they hold audit:view)',
    auth: true,
    access: 'audit:view',
    query: AuditQuery,
    response: { status: 200, schema: pageOf(AuditEntry).meta({ id: 'AuditPage' }) },
  },
  {
    operationId: 'getAudit',
    method: 'GET',
    path: '/api/v1/audit/{auditId}',
    group: 'audit',
    summary: 'One audit entry with its changes',
    auth: true,
    access: 'audit:view',
    params: AuditParams,
    response: { status: 200, schema: AuditEntry },
  },
] as const satisfies readonly RouteDef[];
