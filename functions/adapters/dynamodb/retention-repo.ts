// The account's data-retention settings on the single table:
//   retention  ACC#<acc>  RETENTION   (versioned; absent: the defaults at version 0)
// Saving one also drops the process's cached copy (item-expiry.ts), so writes after it in this
// process use the new days at once.
import { Conflict, PreconditionFailed } from '../../domain/errors';
import { defaultRetention, type RetentionSettings } from '../../domain/schemas/retention';
import type { RetentionRepo } from '../../ports/retention-store';
import type { VersionedItems } from './versioned-items';

const WHAT = 'Retention settings';

export const retentionKey = (acc: string) => ({ pk: `ACC#${acc}`, sk: 'RETENTION' });

export function createRetentionRepo(
  items: VersionedItems,
  onSaved: (accountId: string) => void,
): RetentionRepo {
  return {
    async get(accountId) {
      return (await items.get<RetentionSettings>(retentionKey(accountId))) ?? defaultRetention(accountId);
    },

    async save(settings, expectedVersion) {
      const key = retentionKey(settings.accountId);
      try {
        if (expectedVersion !== 0) {
          await items.update('retention', key, settings, expectedVersion, WHAT);
          return;
        }
        try {
          await items.create('retention', key, settings, WHAT);
        } catch (err) {
          if (!(err instanceof Conflict)) throw err;
          // Someone saved first: the caller's "version 0" (the defaults) is stale like any other version.
          const current = (await items.get<RetentionSettings>(key))?.version;
          throw new PreconditionFailed(
            `${WHAT} have changed since version 0: they are now at version ${current}. Reload them and apply your change again.`,
            current,
          );
        }
      } finally {
        onSaved(settings.accountId);
      }
    },
  };
}
