// Secrets go in and never come out: not in any response, and not in plain text at rest.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/client';
import { openCredentials } from '../../../functions/services/credentials';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { awsAccessKeyCredentials, awsAssumeRoleCredentials, gceCredentials } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let api: ApiClient;
let base: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  base = `/v1/environments/${rt.demo.environmentId}/credentials`;
});
afterAll(() => rt?.stop());

describe('cloud credentials', () => {
  it.each([
    ['AWS access keys', awsAccessKeyCredentials(), 'super-secret-access-key-value-0001'],
    ['a GCE service-account key', gceCredentials(), 'PRIVATE KEY'],
  ])('never return %s secret', async (_name, input, secret) => {
    const created = await api.post(base, input);
    expect(created.status).toBe(201);
    const read = await api.get(`${base}/${created.body.id}`);
    const list = await api.get(base);
    const updated = await api.put(
      `${base}/${created.body.id}`,
      { ...input, name: 'renamed' },
      { 'if-match': '"1"' },
    );
    for (const res of [created, read, list, updated]) expect(JSON.stringify(res.body)).not.toContain(secret);
    expect(
      read.body.platform === 'aws' ? read.body.auth.secretAccessKeySet : read.body.serviceAccountKeySet,
    ).toBe(true);
  });

  it('keeps secrets sealed at rest and opens them for drivers only', async () => {
    const created = await api.post(base, awsAccessKeyCredentials());
    const raw = JSON.stringify(await scanAll());
    expect(raw).not.toContain('super-secret-access-key-value-0001');
    const opened = await openCredentials(
      rt.deps,
      { accountId: rt.demo.accountId },
      rt.demo.environmentId,
      created.body.id,
    );
    expect(opened.platform === 'aws' && opened.secretAccessKey).toBe('super-secret-access-key-value-0001');
  });

  it('returns an assumed role as it is (no secret to hide)', async () => {
    const created = await api.post(base, awsAssumeRoleCredentials());
    expect(created.body.auth).toEqual(awsAssumeRoleCredentials().auth);
  });

  it('refuses to change the platform of existing credentials', async () => {
    const created = await api.post(base, awsAccessKeyCredentials());
    const res = await api.put(`${base}/${created.body.id}`, gceCredentials(), { 'if-match': '"1"' });
    expect(res.status).toBe(409);
  });
});

async function scanAll() {
  const db = createDocumentClient({ tableName: rt.tableName, endpoint: rt.dynamoEndpoint });
  return (await db.send(new ScanCommand({ TableName: rt.tableName }))).Items;
}
