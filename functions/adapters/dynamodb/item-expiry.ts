// When an item that expires should go: its creation time plus the account's retention days for
// its kind (domain/schemas/retention.ts), as the table's TTL attribute `expiresAt`.
//
// Every writer of an expiring item (audit entries, farm events, executions, webhook deliveries,
// reconcile summaries) asks here, so the settings are read once per account and kept for
// CACHE_MS per process, not once per item: a reconcile pass writing twenty events, or an API
// request and its audit entry, cost one read. A change saved in this process applies at once
// (retention-repo drops the copy); other processes (each Lambda's) pick it up within CACHE_MS.
// Only items written after that carry the new days.
import type { RetentionInput, RetentionKind, RetentionSettings } from '../../domain/schemas/retention';
import { expiresAtOf } from '../../domain/schemas/retention';

export const RETENTION_CACHE_MS = 60_000;
/** Beyond this many accounts the cache starts over: a process serving many tenants stays small. */
const CACHE_ACCOUNTS_MAX = 1_000;

export class ItemExpiry {
  private readonly cache = new Map<string, { days: Promise<RetentionInput>; until: number }>();

  constructor(
    private readonly read: (accountId: string) => Promise<RetentionSettings>,
    private readonly cacheMs = RETENTION_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** `expiresAt` (epoch seconds) of an item of `kind` of this account created at `createdAt`. */
  async expiresAt(accountId: string, kind: RetentionKind, createdAt: string | Date): Promise<number> {
    return expiresAtOf(await this.daysOf(accountId), kind, createdAt);
  }

  forget(accountId: string): void {
    this.cache.delete(accountId);
  }

  private daysOf(accountId: string): Promise<RetentionInput> {
    const now = this.now();
    const cached = this.cache.get(accountId);
    if (cached && cached.until > now) return cached.days;
    if (this.cache.size >= CACHE_ACCOUNTS_MAX) this.cache.clear();
    // The promise is cached, so concurrent writers of one account share one read; a failed
    // read is not kept (the write fails, as it would on any table error, and the next one reads again).
    const days = this.read(accountId);
    this.cache.set(accountId, { days, until: now + this.cacheMs });
    days.catch(() => {
      if (this.cache.get(accountId)?.days === days) this.cache.delete(accountId);
    });
    return days;
  }
}
