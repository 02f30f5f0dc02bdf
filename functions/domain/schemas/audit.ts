// The audit log: one entry per write (and per refused attempt), saying who, when, from where,
// what operation on which resource, and what changed field by field (secrets redacted).
import { z } from 'zod';
import { idOf, PageQuery, Timestamp } from './common';

export const AUDIT_LIMITS = {
  actionMax: 128,
  /** Beyond this (JSON characters), an entry keeps the changed paths without their values. */
  changesMaxChars: 256_000,
} as const;

export const AuditVia = z.enum(['user', 'api-token', 'agent', 'system', 'operator']);
export type AuditVia = z.infer<typeof AuditVia>;
export const AuditClient = z.enum(['portal', 'cli', 'api', 'system']);
export type AuditClient = z.infer<typeof AuditClient>;

export const AuditActor = z
  .object({
    /** A user id, or `system` for the platform's own writes (the reconciler, lease expiry). */
    userId: z.string(),
    via: AuditVia,
    tokenId: z.string().optional(),
  })
  .meta({ id: 'AuditActor' });
export type AuditActor = z.infer<typeof AuditActor>;

export const AuditSource = z
  .object({
    /** From the `X-Drover-Client` header (portal, cli), else `api`; `system` for the platform. */
    client: AuditClient,
    ip: z.string().optional(),
    userAgent: z.string().optional(),
  })
  .meta({ id: 'AuditSource' });
export type AuditSource = z.infer<typeof AuditSource>;

export const AuditChange = z
  .object({
    /** `farmRoles[web].maxInstances`, `description`… */
    path: z.string(),
    kind: z.enum(['added', 'removed', 'changed']),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .meta({ id: 'AuditChange' });
export type AuditChange = z.infer<typeof AuditChange>;

export const AuditResource = z
  .object({
    /** The kind of id (farm, credentials, webhookEndpoint…). */
    type: z.string(),
    id: z.string().nullable(),
    name: z.string().optional(),
  })
  .meta({ id: 'AuditResource' });
export type AuditResource = z.infer<typeof AuditResource>;

export const AuditEntry = z
  .object({
    id: idOf('audit'),
    accountId: idOf('account'),
    environmentId: idOf('environment').nullable(),
    at: Timestamp,
    actor: AuditActor,
    source: AuditSource,
    /** The API operation (updateFarm, launchFarm…) or a system action (farmLeaseExpired…). */
    action: z.string().min(1).max(AUDIT_LIMITS.actionMax),
    resource: AuditResource,
    changes: z.array(AuditChange),
    /** The changes were too large to keep whole: paths only. */
    changesTruncated: z.boolean().optional(),
    /** The HTTP status answered (403 for a refused attempt); 200 for a system action. */
    outcome: z.number().int(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = PageQuery.extend({
  environmentId: idOf('environment').optional(),
  userId: z.string().min(1).max(128).optional(),
  resourceType: z.string().min(1).max(64).optional(),
  resourceId: z.string().min(1).max(128).optional(),
  action: z.string().min(1).max(AUDIT_LIMITS.actionMax).optional(),
  /** Inclusive bounds on `at`. */
  from: Timestamp.optional(),
  to: Timestamp.optional(),
})
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    path: ['from'],
    message: 'must not be after to',
  })
  .meta({ id: 'AuditQuery' });
export type AuditQuery = z.infer<typeof AuditQuery>;
