// The audit repo on dynalite: newest first; a time window is a key range on the ULID ids; one
// resource's history through gsi1; filters that match little still answer within a read budget
// (a short page with a cursor, never a scan of the whole log in one call); cursors stay in
// their listing and their account.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/client';
import { createTableIfMissing } from '../../../functions/adapters/dynamodb/create-table';
import { createDynamoStore } from '../../../functions/adapters/dynamodb/dynamo-store';
import { newId } from '../../../functions/domain/ids';
import type { AuditEntry } from '../../../functions/domain/schemas/audit';
import type { AuditFilter } from '../../../functions/ports/audit-store';
import type { Store } from '../../../functions/ports/store';
import { type LocalDynamo, startDynalite } from '../../../local/dynamo-local';

let dynamo: LocalDynamo;
let store: Store;
const T0 = Date.parse('2026-11-01T00:00:00.000Z');
const MIN = 60_000;

beforeAll(async () => {
  dynamo = await startDynalite();
  const raw = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createTableIfMissing(raw, 'audit');
  store = createDynamoStore(createDocumentClient({ tableName: 'audit', endpoint: dynamo.endpoint }), 'audit');
});
afterAll(() => dynamo?.stop());

function entry(accountId: string, minute: number, extra: Partial<AuditEntry> = {}): AuditEntry {
  const at = T0 + minute * MIN;
  return {
    id: `aud-${ulid(at).toLowerCase()}`,
    accountId,
    environmentId: null,
    at: new Date(at).toISOString(),
    actor: { userId: 'usr-a', via: 'user' },
    source: { client: 'api' },
    action: 'updateFarm',
    resource: { type: 'farm', id: 'farm-a' },
    changes: [],
    outcome: 200,
    ...extra,
  };
}

async function all(accountId: string, filter: AuditFilter, limit = 50) {
  const items: AuditEntry[] = [];
  let cursor: string | undefined;
  let calls = 0;
  do {
    const page = await store.audit.list({ accountId }, filter, { limit, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
    calls++;
  } while (cursor);
  return { items, calls };
}

describe('the audit repo on dynalite', () => {
  const acc = newId('account');
  const minutes = Array.from({ length: 30 }, (_, i) => i);

  beforeAll(async () => {
    for (const m of minutes)
      await store.audit.append(
        entry(acc, m, {
          actor: { userId: m % 10 === 0 ? 'usr-rare' : 'usr-a', via: 'user' },
          resource: { type: m % 2 ? 'farm' : 'role', id: m % 2 ? 'farm-a' : `role-${m}` },
          environmentId: m % 3 === 0 ? 'env-x' : null,
        }),
      );
  });

  it('lists newest first, in pages', async () => {
    const { items, calls } = await all(acc, {}, 7);
    expect(items.map((e) => e.at)).toEqual(
      minutes.map((m) => new Date(T0 + m * MIN).toISOString()).reverse(),
    );
    expect(calls).toBe(5);
  });

  it('reads a time window as a key range, both ends inclusive', async () => {
    const { items } = await all(acc, {
      from: new Date(T0 + 10 * MIN).toISOString(),
      to: new Date(T0 + 12 * MIN).toISOString(),
    });
    expect(items.map((e) => (Date.parse(e.at) - T0) / MIN)).toEqual([12, 11, 10]);
  });

  it("reads one resource's history through gsi1, and combines it with other filters", async () => {
    expect((await all(acc, { resourceId: 'farm-a' })).items).toHaveLength(15);
    // The rare user only ever touched roles.
    expect((await all(acc, { resourceId: 'farm-a', userId: 'usr-rare' })).items).toEqual([]);
    expect((await all(acc, { resourceId: 'farm-a', userId: 'usr-a' }, 2)).items).toHaveLength(15);
    const paged = await all(acc, { resourceId: 'farm-a' }, 4);
    expect(paged.items).toHaveLength(15);
    expect(paged.calls).toBe(4);
  });

  it('filters by user, action, type and environment, and by the environments one may see', async () => {
    expect((await all(acc, { userId: 'usr-rare' })).items.map((e) => (Date.parse(e.at) - T0) / MIN)).toEqual([
      20, 10, 0,
    ]);
    expect((await all(acc, { resourceType: 'role', environmentId: 'env-x' })).items).toHaveLength(5);
    expect((await all(acc, { action: 'deleteFarm' })).items).toEqual([]);
    expect((await all(acc, { visibleEnvironmentIds: ['env-x'] })).items).toHaveLength(10);
    expect((await all(acc, { visibleEnvironmentIds: [] })).items).toEqual([]);
  });

  it('answers a sparse filter within its read budget: a short page and a cursor', async () => {
    const big = newId('account');
    for (let i = 0; i < 1100; i++) await store.audit.append(entry(big, i));
    await store.audit.append(entry(big, -1, { action: 'deleteFarm' }));
    const first = await store.audit.list({ accountId: big }, { action: 'deleteFarm' }, { limit: 10 });
    expect(first.items).toEqual([]);
    expect(first.nextCursor).toBeTruthy();
    const second = await store.audit.list(
      { accountId: big },
      { action: 'deleteFarm' },
      { limit: 10, cursor: first.nextCursor },
    );
    expect(second.items.map((e) => e.action)).toEqual(['deleteFarm']);
    expect(second.nextCursor).toBeUndefined();
  }, 120_000);

  it("refuses another listing's or another account's cursor", async () => {
    const page = await store.audit.list({ accountId: acc }, {}, { limit: 1 });
    await expect(
      store.audit.list({ accountId: newId('account') }, {}, { limit: 1, cursor: page.nextCursor }),
    ).rejects.toThrow('Invalid cursor');
    await expect(
      store.audit.list({ accountId: acc }, { resourceId: 'farm-a' }, { limit: 1, cursor: page.nextCursor }),
    ).rejects.toThrow('Invalid cursor');
  });

  it('gets an entry by id only in its own account', async () => {
    const [newest] = (await store.audit.list({ accountId: acc }, {}, { limit: 1 })).items;
    expect(await store.audit.get({ accountId: acc }, newest!.id)).toEqual(newest);
    expect(await store.audit.get({ accountId: newId('account') }, newest!.id)).toBeUndefined();
  });
});
