// Data retention: how many days an account keeps the records that pile up as it works. Each
// such item carries `expiresAt` (its creation time + the account's days for its kind, in epoch
// seconds) and DynamoDB's TTL deletes it some time after that. A change applies to items written
// afterwards; an item keeps the expiry it was written with until it is written again.
//
// Defaults and bounds, in days (README "Data retention" says the same to users):
// - audit entries 400 (min 90, max 3650): the longest, so "who changed this last year" has an
//   answer through a yearly review plus a month; never under 90, a common floor for audit trails.
// - farm events 90 (7–730): a farm's history for incident reviews of the last quarter.
// - executions with their output 30 (1–365): script output is for diagnosis, and the largest items.
// - webhook deliveries with their attempts 30 (1–90): diagnosis of a receiver, not an archive.
// - reconcile summaries 14 (7–90): one item per farm, rewritten by every pass, so only a farm no
//   pass has visited for that long (stopped, its schedule gone) loses it; 7 at least, so a
//   farm's capacity holds and lease warning outlive any pause of its schedule.
import { z } from 'zod';
import { idOf, Timestamp } from './common';

export const RETENTION_LIMITS = {
  auditDays: { label: 'Audit entries', default: 400, min: 90, max: 3650 },
  farmEventDays: { label: 'Farm events', default: 90, min: 7, max: 730 },
  executionDays: { label: 'Script executions and their output', default: 30, min: 1, max: 365 },
  webhookDeliveryDays: { label: 'Webhook deliveries and their attempts', default: 30, min: 1, max: 90 },
  reconcileSummaryDays: { label: 'Reconcile summaries', default: 14, min: 7, max: 90 },
} as const;

/** One field per kind of item that expires; its name says the unit. */
export type RetentionKind = keyof typeof RETENTION_LIMITS;
export const RETENTION_KINDS = Object.keys(RETENTION_LIMITS) as RetentionKind[];

const days = (kind: RetentionKind) => {
  const { label, min, max } = RETENTION_LIMITS[kind];
  return z
    .number()
    .int('must be a whole number of days')
    .min(min, `must be at least ${min} days`)
    .max(max, `must be at most ${max} days`)
    .meta({ description: `${label}: days kept after they are written (${min}–${max}).` });
};

/** What an admin sets (PUT body and portal form): every kind, in days. */
export const RetentionInput = z
  .object({
    auditDays: days('auditDays'),
    farmEventDays: days('farmEventDays'),
    executionDays: days('executionDays'),
    webhookDeliveryDays: days('webhookDeliveryDays'),
    reconcileSummaryDays: days('reconcileSummaryDays'),
  })
  .strict()
  .meta({ id: 'RetentionInput' });
export type RetentionInput = z.infer<typeof RetentionInput>;

/** The account's settings as stored and answered; version 0 and no updatedAt: the defaults, never saved. */
export const RetentionSettings = RetentionInput.extend({
  accountId: idOf('account'),
  version: z.number().int().nonnegative(),
  updatedAt: Timestamp.nullable(),
})
  .strict()
  .meta({ id: 'RetentionSettings' });
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const DEFAULT_RETENTION: RetentionInput = Object.fromEntries(
  RETENTION_KINDS.map((kind) => [kind, RETENTION_LIMITS[kind].default]),
) as RetentionInput;

export function defaultRetention(accountId: string): RetentionSettings {
  return { accountId, ...DEFAULT_RETENTION, version: 0, updatedAt: null };
}

const DAY_SECONDS = 86_400;

/** The TTL attribute of an item of `kind` created at `createdAt`: epoch seconds, as DynamoDB's TTL reads it. */
export function expiresAtOf(days: RetentionInput, kind: RetentionKind, createdAt: string | Date): number {
  const created = typeof createdAt === 'string' ? Date.parse(createdAt) : createdAt.getTime();
  return Math.floor(created / 1000) + days[kind] * DAY_SECONDS;
}
