// GET and PUT /api/v1/account/retention over HTTP on the local runtime: the defaults until an
// admin saves, versioned writes (If-Match "0" first), bounds from the one schema answered as 400
// with the field's path, admins only for writes (a refused write is audited too), every write audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, RETENTION_LIMITS } from '../../../functions/domain/schemas/retention';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let owner: ApiClient;
let admin: ApiClient;
let developer: ApiClient;

beforeAll(async () => {
  rt = await startTestRuntime();
  const seeded = (role: string) => rt.demo.users!.find((u) => u.role === role)!.userId;
  owner = apiClient(rt.apiUrl, rt.demo.token);
  admin = apiClient(rt.apiUrl, await rt.mintToken(seeded('admin'), rt.demo.accountId));
  developer = apiClient(rt.apiUrl, await rt.mintToken(seeded('developer-web'), rt.demo.accountId));
});
afterAll(() => rt?.stop());

const PATH = '/v1/account/retention';

describe('account retention API', () => {
  it('answers the defaults at version 0 before anyone saved them, to any user of the account', async () => {
    const res = await developer.get(PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"0"');
    expect(res.body).toEqual({
      accountId: rt.demo.accountId,
      ...DEFAULT_RETENTION,
      version: 0,
      updatedAt: null,
    });
  });

  it('refuses a write without If-Match (428) and with a stale one (412)', async () => {
    expect((await owner.put(PATH, DEFAULT_RETENTION)).status).toBe(428);
    expect((await owner.put(PATH, DEFAULT_RETENTION, { 'if-match': '"7"' })).status).toBe(412);
  });

  it.each([
    ['auditDays', RETENTION_LIMITS.auditDays.min - 1, 'at least 90'],
    ['auditDays', RETENTION_LIMITS.auditDays.max + 1, 'at most 3650'],
    ['executionDays', 0, 'at least 1'],
    ['webhookDeliveryDays', 91, 'at most 90'],
    ['reconcileSummaryDays', 6, 'at least 7'],
    ['farmEventDays', 30.5, 'whole number'],
  ])('refuses %s = %s with 400 naming the field (%s)', async (field, value, message) => {
    const res = await admin.put(PATH, { ...DEFAULT_RETENTION, [field]: value }, { 'if-match': '*' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.issues).toEqual([
      expect.objectContaining({ in: 'body', path: field, message: expect.stringContaining(message) }),
    ]);
  });

  it('lets an admin save, then answers the saved settings with their version', async () => {
    const days = { ...DEFAULT_RETENTION, auditDays: 730, executionDays: 7 };
    const saved = await admin.put(PATH, days, { 'if-match': '"0"' });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"1"');
    expect(saved.body).toMatchObject({ ...days, version: 1, accountId: rt.demo.accountId });
    const read = await developer.get(PATH);
    expect(read.body).toEqual(saved.body);

    const again = await owner.put(PATH, { ...days, farmEventDays: 180 }, { 'if-match': '"1"' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ farmEventDays: 180, version: 2 });
  });

  it('refuses a non-admin (403) and records the refusal and the saves in the audit log', async () => {
    const refused = await developer.put(PATH, DEFAULT_RETENTION, { 'if-match': '*' });
    expect(refused.status).toBe(403);
    const log = await owner.get('/v1/audit?action=putRetention');
    expect(log.status).toBe(200);
    const outcomes = log.body.items.map((e: { outcome: number }) => e.outcome);
    expect(outcomes).toEqual([403, 200, 200]);
    const change = log.body.items[1].changes;
    expect(change).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'farmEventDays', before: 90, after: 180 })]),
    );
  });

  it('is listed in the OpenAPI document with its schema and bounds', async () => {
    const doc = (await owner.get('/v1/openapi.json')).body;
    expect(doc.paths['/api/v1/account/retention'].put.requestBody).toBeDefined();
    const input = doc.components.schemas.RetentionInput;
    expect(input.properties.auditDays).toMatchObject({ minimum: 90, maximum: 3650 });
  });
});
