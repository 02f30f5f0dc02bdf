// The access repos on dynalite: unique emails, teams and ACL roles per account, API tokens
// found by the hash of their secret, revoked, and their use recorded at most once a minute.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/client';
import { createTableIfMissing } from '../../../functions/adapters/dynamodb/create-table';
import { createDynamoStore } from '../../../functions/adapters/dynamodb/dynamo-store';
import type { ApiToken } from '../../../functions/domain/access/api-token';
import type { User } from '../../../functions/domain/access/user';
import { newId } from '../../../functions/domain/ids';
import type { Store } from '../../../functions/ports/store';
import { type LocalDynamo, startDynalite } from '../../../local/dynamo-local';

let dynamo: LocalDynamo;
let store: Store;
const NOW = '2026-11-25T12:00:00.000Z';

beforeAll(async () => {
  dynamo = await startDynalite();
  const raw = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createTableIfMissing(raw, 'access');
  store = createDynamoStore(
    createDocumentClient({ tableName: 'access', endpoint: dynamo.endpoint }),
    'access',
  );
});
afterAll(() => dynamo?.stop());

const user = (accountId: string, email: string): User => ({
  id: newId('user'),
  accountId,
  email,
  name: 'Someone',
  accountRole: 'user',
  lastSignInAt: null,
  version: 1,
  createdAt: NOW,
  updatedAt: NOW,
});

describe('users', () => {
  it('finds a user by id and by email, and keeps the password hash beside the doc', async () => {
    const acc = newId('account');
    const u = user(acc, `a-${acc}@example.com`);
    await store.users.create(u, 'scrypt$salt$hash');
    expect(await store.users.get({ accountId: acc }, u.id)).toEqual(u);
    expect(await store.users.findByEmail(u.email.toUpperCase())).toEqual(u);
    expect(await store.users.passwordHash({ accountId: acc }, u.id)).toBe('scrypt$salt$hash');
  });

  it('refuses an email taken in any account', async () => {
    const email = `dup-${newId('account')}@example.com`;
    await store.users.create(user(newId('account'), email));
    await expect(store.users.create(user(newId('account'), email))).rejects.toThrow(/already exists/);
  });

  it('keeps the password hash through an update and frees the email on delete', async () => {
    const acc = newId('account');
    const u = user(acc, `b-${acc}@example.com`);
    await store.users.create(u, 'h1');
    await store.users.update({ ...u, accountRole: 'admin', version: 2 }, 1);
    expect((await store.users.get({ accountId: acc }, u.id))?.accountRole).toBe('admin');
    expect(await store.users.passwordHash({ accountId: acc }, u.id)).toBe('h1');
    await expect(store.users.update({ ...u, version: 2 }, 1)).rejects.toThrow(/version 2/);
    await store.users.delete({ accountId: acc }, u.id);
    expect(await store.users.findByEmail(u.email)).toBeUndefined();
    await store.users.create(user(newId('account'), u.email));
  });

  it('sets and removes the password hash of an existing user only (the local user directory)', async () => {
    const acc = newId('account');
    const u = user(acc, `p-${acc}@example.com`);
    await store.users.create(u);
    await store.users.setPasswordHash({ accountId: acc }, u.id, 'scrypt$s$h');
    expect(await store.users.passwordHash({ accountId: acc }, u.id)).toBe('scrypt$s$h');
    expect(await store.users.get({ accountId: acc }, u.id)).toEqual(u);
    await store.users.setPasswordHash({ accountId: acc }, u.id, null);
    expect(await store.users.passwordHash({ accountId: acc }, u.id)).toBeUndefined();
    await expect(store.users.setPasswordHash({ accountId: acc }, newId('user'), 'h')).rejects.toThrow(
      /not found/,
    );
  });

  it('lists only the users of one account', async () => {
    const acc = newId('account');
    await store.users.create(user(acc, `c1-${acc}@example.com`));
    await store.users.create(user(acc, `c2-${acc}@example.com`));
    expect((await store.users.list({ accountId: acc }, { limit: 50 })).items).toHaveLength(2);
  });
});

describe('teams and ACL roles', () => {
  it('stores them under the account, versioned', async () => {
    const acc = newId('account');
    const team = {
      id: newId('team'),
      accountId: acc,
      name: 'web',
      description: '',
      memberIds: [],
      grants: [],
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    };
    await store.teams.create(team);
    await store.teams.update({ ...team, name: 'web2', version: 2 }, 1);
    expect((await store.teams.listAll({ accountId: acc })).map((t) => t.name)).toEqual(['web2']);
    expect(await store.teams.get({ accountId: newId('account') }, team.id)).toBeUndefined();
    const role = {
      id: newId('aclRole'),
      accountId: acc,
      name: 'ops',
      description: '',
      builtIn: false,
      permissions: { 'farms:launch': 'team' as const },
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    };
    await store.aclRoles.create(role);
    expect(await store.aclRoles.listAll({ accountId: acc })).toEqual([role]);
  });
});

describe('API tokens', () => {
  const token = (accountId: string, userId: string): ApiToken => ({
    id: newId('apiToken'),
    accountId,
    userId,
    name: 'ci',
    permissions: null,
    expiresAt: '2027-01-01T00:00:00.000Z',
    createdAt: NOW,
    lastUsedAt: null,
    revokedAt: null,
  });

  it('finds a token by its hash, lists and revokes it', async () => {
    const acc = newId('account');
    const usr = newId('user');
    const t = token(acc, usr);
    await store.apiTokens.create(t, `hash-${t.id}`);
    expect(await store.apiTokens.findByHash(`hash-${t.id}`)).toEqual(t);
    expect(await store.apiTokens.listByUser({ accountId: acc }, usr)).toEqual([t]);
    expect(
      await store.apiTokens.revoke({ accountId: acc }, 'usr-other', t.id, new Date(NOW)),
    ).toBeUndefined();
    const revoked = await store.apiTokens.revoke({ accountId: acc }, usr, t.id, new Date(NOW));
    expect(revoked?.revokedAt).toBe(NOW);
    expect((await store.apiTokens.findByHash(`hash-${t.id}`))?.revokedAt).toBe(NOW);
  });

  it('records a use at most once a minute', async () => {
    const acc = newId('account');
    const t = token(acc, newId('user'));
    await store.apiTokens.create(t, `hash-${t.id}`);
    const at = (s: number) => new Date(Date.parse(NOW) + s * 1000);
    await store.apiTokens.recordUse(`hash-${t.id}`, at(0));
    await store.apiTokens.recordUse(`hash-${t.id}`, at(30));
    expect((await store.apiTokens.findByHash(`hash-${t.id}`))?.lastUsedAt).toBe(at(0).toISOString());
    await store.apiTokens.recordUse(`hash-${t.id}`, at(61));
    expect((await store.apiTokens.findByHash(`hash-${t.id}`))?.lastUsedAt).toBe(at(61).toISOString());
  });
});
