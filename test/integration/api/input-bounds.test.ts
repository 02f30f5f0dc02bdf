// Input that can never hurt the platform (README "Input bounds"): each case was a 500 or a
// crashed runtime before, found by the fuzz suite (fuzz.test.ts); here one readable case each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../../../functions/domain/input-bounds';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';
import { rawRequest } from '../../support/raw-request';
import { createSampleIds, type Ids } from '../../support/route-samples';

let rt: LocalRuntime;
let api: ApiClient;
let agent: ApiClient;
let ids: Ids;

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  // A Running server with an instance, on credentials whose endpoint nothing listens on.
  ids = await createSampleIds(rt, api, 'input-bounds', {
    status: 'Running',
    instanceId: 'i-0123456789abcdef0',
  });
  agent = apiClient(rt.apiUrl, ids.agentToken);
});
afterAll(() => rt?.stop());

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const eventWithPayloadDepth = (levels: number) => `{"name":"Deep","payload":{"x":${nested(levels - 2)}}}`;
const alive = async () => expect((await api.get('/v1/openapi.json')).status).toBe(200);

describe('JSON bodies', () => {
  it.each([1_500, 10_000, 200_000])(
    'a %i-level payload → 400 naming the depth limit, runtime alive',
    async (levels) => {
      for (const [client, path] of [
        [api, `/v1/farms/${ids.farmId}/events`],
        [agent, '/v1/agent/custom-events'],
      ] as const) {
        const res = await client.call('POST', path, {
          raw: eventWithPayloadDepth(levels),
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status, path).toBe(400);
        expect(res.body.detail).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
      }
      await alive();
    },
  );

  it('a body at the depth limit is stored and published (DynamoDB takes it)', async () => {
    const res = await api.call('POST', `/v1/farms/${ids.farmId}/events`, {
      raw: eventWithPayloadDepth(MAX_JSON_DEPTH),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBeLessThan(300);
  });

  it('brackets inside strings do not count as depth', async () => {
    const res = await api.call('POST', `/v1/farms/${ids.farmId}/events`, {
      raw: JSON.stringify({ name: 'Brackets', payload: { text: '[{'.repeat(5_000) } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBeLessThan(300);
  });

  it('a body over the size limit → 413 problem+json', async () => {
    const res = await api.call('POST', `/v1/farms/${ids.farmId}/events`, {
      raw: JSON.stringify({ name: 'Big', payload: { text: 'x'.repeat(MAX_BODY_BYTES) } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('a request over the local server limit → 413, not a reset connection', async () => {
    const res = await rawRequest(rt.url, 'POST', `/api/v1/farms/${ids.farmId}/events`, {
      headers: { authorization: `Bearer ${rt.demo.token}`, 'content-type': 'application/json' },
      body: Buffer.alloc(3 * 1024 * 1024, 0x20),
    });
    expect(res.status).toBe(413);
    await alive();
  });
});

describe('numbers', () => {
  const metrics = (over: Record<string, unknown>) => ({
    load1: 0.5,
    load5: 0.4,
    load15: 0.3,
    cpuPercent: 12.5,
    memory: { totalBytes: 4e9, usedBytes: 1e9 },
    disk: { path: '/', totalBytes: 5e10, usedBytes: 1e10 },
    at: new Date().toISOString(),
    ...over,
  });

  it('sensible metrics are taken', async () => {
    expect((await agent.post('/v1/agent/metrics', metrics({}))).status).toBeLessThan(300);
  });

  it.each([
    ['load1', 1e308],
    ['load1', Number.MAX_SAFE_INTEGER + 2],
    ['load5', 1e-300],
    ['cpuPercent', 5e-324],
  ])('%s = %d → 400 at that field', async (field, value) => {
    const res = await agent.post('/v1/agent/metrics', metrics({ [field]: value }));
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toMatchObject({ in: 'body', path: field });
  });

  it('bytes of 1e308 → 400 at memory.totalBytes', async () => {
    const res = await agent.post(
      '/v1/agent/metrics',
      metrics({ memory: { totalBytes: 1e308, usedBytes: 1 } }),
    );
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toMatchObject({ path: 'memory.totalBytes' });
  });
});

describe('cursors', () => {
  let cursor: string;
  let first: { items: { id: string }[] };
  beforeAll(async () => {
    const page = await api.get('/v1/roles?limit=1');
    expect(page.status).toBe(200);
    first = page.body;
    cursor = page.body.nextCursor;
    expect(cursor).toEqual(expect.any(String));
  });

  it('the cursor a list returned leads to its next page', async () => {
    const next = await api.get(`/v1/roles?limit=1&cursor=${encodeURIComponent(cursor)}`);
    expect(next.status).toBe(200);
    expect(next.body.items.map((r: { id: string }) => r.id)).not.toContain(first.items[0]?.id);
  });

  it.each([
    ['edited', () => `${cursor.slice(0, 10)}A${cursor.slice(11)}`],
    [
      'unsigned store key without its sort key',
      () => Buffer.from(JSON.stringify({ PK: `ACC#${rt.demo.accountId}` })).toString('base64url'),
    ],
    ['signature only', () => cursor.slice(cursor.lastIndexOf('.'))],
    [
      'empty sort key, old signature',
      () =>
        `${Buffer.from(JSON.stringify({ PK: `ACC#${rt.demo.accountId}`, SK: '' })).toString('base64url')}${cursor.slice(cursor.lastIndexOf('.'))}`,
    ],
  ])('%s → 400 at query cursor', async (_why, make) => {
    const res = await api.get(`/v1/roles?limit=1&cursor=${encodeURIComponent(make())}`);
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toMatchObject({ in: 'query', path: 'cursor' });
  });

  it("another list's cursor → 400", async () => {
    const res = await api.get(`/v1/users?limit=1&cursor=${encodeURIComponent(cursor)}`);
    expect(res.status).toBe(400);
  });

  it("another account's caller cannot use it", async () => {
    const { seedDemo } = await import('../../../local/seed');
    const other = await seedDemo(rt.deps, {}, 'Cursor Other');
    const intruder = apiClient(rt.apiUrl, await rt.mintToken(other.userId, other.accountId));
    const res = await intruder.get(`/v1/roles?limit=1&cursor=${encodeURIComponent(cursor)}`);
    expect(res.status).toBe(400);
  });
});

describe('paths', () => {
  const auth = () => ({ authorization: `Bearer ${rt.demo.token}` });

  it.each([
    '/api/v1/farms/{farm}/servers/%2e%2e/terminate',
    '/api/v1/farms/{farm}/servers/%2E%2e/terminate',
    '/api/v1/farms/{farm}/servers/../terminate',
    '/api/v1/farms/{farm}/servers/.%2e/terminate',
    '/api/v1/farms/{farm}/servers/x/..%2fterminate',
    '/api/v1/farms/{farm}%2fterminate',
    '/api/v1/farms/{farm}/./terminate',
  ])('POST %s → 404, and the farm is not terminated', async (template) => {
    const before = await api.get(`/v1/farms/${ids.farmId}`);
    const res = await rawRequest(rt.url, 'POST', template.replace('{farm}', ids.farmId), { headers: auth() });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const after = await api.get(`/v1/farms/${ids.farmId}`);
    expect(after.body).toEqual(before.body);
  });

  it('an id with the wrong prefix or an encoded character → 400 naming the path parameter', async () => {
    for (const bad of [ids.roleId, `${ids.farmId}%00`, 'farm-%E2%80%AE']) {
      const res = await rawRequest(rt.url, 'GET', `/api/v1/farms/${bad}`, { headers: auth() });
      expect(res.status, bad).toBe(400);
      expect(res.body.issues[0]).toMatchObject({ in: 'path', path: 'farmId' });
    }
  });

  it('broken percent-encoding → 404', async () => {
    const res = await rawRequest(rt.url, 'GET', `/api/v1/farms/%E0%A4%A`, { headers: auth() });
    expect(res.status).toBe(404);
  });
});

describe('If-Match', () => {
  it('a weak ETag → 412; the strong one the API returned → 200', async () => {
    const got = await api.get(`/v1/roles/${ids.roleId}`);
    const { id: _id, version, createdAt: _c, updatedAt: _u, accountId: _a, ...input } = got.body;
    const weak = await api.put(`/v1/roles/${ids.roleId}`, input, { 'if-match': `W/"${version}"` });
    expect(weak.status).toBe(412);
    const strong = await api.put(`/v1/roles/${ids.roleId}`, input, { 'if-match': got.headers.get('etag')! });
    expect(strong.status).toBe(200);
  });
});

describe('cloud failures on user actions', () => {
  it('reboot with the cloud unreachable → 502 problem in our words', async () => {
    const res = await api.post(`/v1/farms/${ids.farmId}/servers/${ids.serverId}/reboot`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'CloudTransient', title: 'Cloud unreachable' });
    expect(res.body.detail).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });

  it('terminate with the cloud unreachable → not a 500', async () => {
    const res = await api.post(`/v1/farms/${ids.farmId}/servers/${ids.serverId}/terminate`);
    expect(res.status).not.toBe(500);
    expect(res.status).toBeLessThan(600);
  });
});
