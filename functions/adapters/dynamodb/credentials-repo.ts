// Cloud credentials in their environment's partition (`ACC#<acc>#ENV#<env>` / `CRED#<id>`): the
// public part and the sealed secret in one versioned item; a list answers only the public parts.
import type { CredentialsRepo, StoredCredentials } from '../../ports/store';
import { keys } from './keys';
import type { VersionedItems } from './versioned-items';

export function createCredentialsRepo(items: VersionedItems): CredentialsRepo {
  return {
    async get({ accountId, environmentId }, id) {
      return items.get<StoredCredentials & { version: number }>(
        keys.credentials(accountId, environmentId, id),
      );
    },
    async list({ accountId, environmentId }, page) {
      const out = await items.page<StoredCredentials>(
        `ACC#${accountId}#ENV#${environmentId}`,
        'CRED#',
        page.limit,
        page.cursor,
      );
      return { items: out.items.map((s) => s.credentials), nextCursor: out.nextCursor };
    },
    create: (stored) => {
      const c = stored.credentials;
      return items.create(
        'credentials',
        keys.credentials(c.accountId, c.environmentId, c.id),
        { ...stored, version: c.version },
        'Cloud credentials',
      );
    },
    update: (stored, expected) => {
      const c = stored.credentials;
      return items.update(
        'credentials',
        keys.credentials(c.accountId, c.environmentId, c.id),
        { ...stored, version: c.version },
        expected,
        'Cloud credentials',
      );
    },
    delete: ({ accountId, environmentId }, id, expected) =>
      items.delete(keys.credentials(accountId, environmentId, id), 'Cloud credentials', expected),
  };
}
