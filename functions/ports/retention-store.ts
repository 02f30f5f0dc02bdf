// The account's data-retention settings (domain/schemas/retention.ts): one versioned document per
// account; an account that never saved any reads the defaults at version 0.
import type { RetentionSettings } from '../domain/schemas/retention';

export interface RetentionRepo {
  /** The stored settings, or the defaults (version 0) when there are none. */
  get(accountId: string): Promise<RetentionSettings>;
  /** Writes `settings` (version expectedVersion + 1) only if the stored version is expectedVersion (0: none stored). */
  save(settings: RetentionSettings, expectedVersion: number): Promise<void>;
}
