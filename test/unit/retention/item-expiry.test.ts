// ItemExpiry: the account's retention settings read once per account per cache time, shared by
// concurrent writers, forgotten on save; a failed read is not kept. The reader is a plain
// function standing in for the store's read (the dynalite test covers the real one).
import { describe, expect, it } from 'vitest';
import { ItemExpiry } from '../../../functions/adapters/dynamodb/item-expiry';
import {
  defaultRetention,
  expiresAtOf,
  type RetentionSettings,
} from '../../../functions/domain/schemas/retention';

const ACC = 'acc-01jd0000000000000000000000';
const CREATED = '2026-11-20T00:00:00.000Z';
const DAY = 86_400;

function reader(days: () => Partial<RetentionSettings>) {
  const calls: string[] = [];
  const read = async (accountId: string): Promise<RetentionSettings> => {
    calls.push(accountId);
    return { ...defaultRetention(accountId), ...days() };
  };
  return { calls, read };
}

describe('ItemExpiry', () => {
  it('computes created + the kind’s days, in epoch seconds', async () => {
    const { read } = reader(() => ({ farmEventDays: 10 }));
    const expiry = new ItemExpiry(read);
    await expect(expiry.expiresAt(ACC, 'farmEventDays', CREATED)).resolves.toBe(
      Date.parse(CREATED) / 1000 + 10 * DAY,
    );
    expect(expiresAtOf(defaultRetention(ACC), 'auditDays', new Date(CREATED))).toBe(
      Date.parse(CREATED) / 1000 + 400 * DAY,
    );
  });

  it('reads an account once for concurrent writers and within the cache time', async () => {
    let now = 0;
    const { calls, read } = reader(() => ({}));
    const expiry = new ItemExpiry(read, 1_000, () => now);
    await Promise.all([1, 2, 3].map(() => expiry.expiresAt(ACC, 'executionDays', CREATED)));
    now = 999;
    await expiry.expiresAt(ACC, 'auditDays', CREATED);
    expect(calls).toHaveLength(1);
    now = 1_000;
    await expiry.expiresAt(ACC, 'auditDays', CREATED);
    expect(calls).toHaveLength(2);
  });

  it('reads again after forget (a save in this process)', async () => {
    let executionDays = 30;
    const { calls, read } = reader(() => ({ executionDays }));
    const expiry = new ItemExpiry(read, 60_000, () => 0);
    await expiry.expiresAt(ACC, 'executionDays', CREATED);
    executionDays = 2;
    expiry.forget(ACC);
    await expect(expiry.expiresAt(ACC, 'executionDays', CREATED)).resolves.toBe(
      Date.parse(CREATED) / 1000 + 2 * DAY,
    );
    expect(calls).toHaveLength(2);
  });

  it('does not keep a failed read: the next write reads again', async () => {
    let fail = true;
    const calls: string[] = [];
    const expiry = new ItemExpiry(async (accountId) => {
      calls.push(accountId);
      if (fail) throw new Error('throttled');
      return defaultRetention(accountId);
    });
    await expect(expiry.expiresAt(ACC, 'auditDays', CREATED)).rejects.toThrow('throttled');
    fail = false;
    await expect(expiry.expiresAt(ACC, 'auditDays', CREATED)).resolves.toBe(
      Date.parse(CREATED) / 1000 + 400 * DAY,
    );
    expect(calls).toHaveLength(2);
  });
});
