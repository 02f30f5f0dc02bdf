// Bad input on every route gets a 400 problem+json naming the field path and the reason —
// never a 500. Table-driven over the routing table, so a new route must join the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';
import {
  authFor,
  BAD_BODIES,
  createSampleIds,
  fillPath,
  type Ids,
  ROUTES_WITH_BODY,
  ROUTES_WITH_PARAMS,
  VALID_BODIES,
} from '../../support/route-samples';

let rt: LocalRuntime;
let api: ApiClient;
let ids: Ids;

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  ids = await createSampleIds(rt, api, 'bad-input');
});
afterAll(() => rt?.stop());

const badBodyCases = ROUTES_WITH_BODY.flatMap((route) =>
  (BAD_BODIES[route.operationId] ?? []).map((c) => ({ name: `${route.operationId}: ${c.why}`, route, ...c })),
);

describe('bad input', () => {
  it('has bad-body cases and a valid body for every route that takes a body', () => {
    for (const route of ROUTES_WITH_BODY) {
      expect(BAD_BODIES[route.operationId]?.length, route.operationId).toBeGreaterThan(0);
      expect(VALID_BODIES[route.operationId], route.operationId).toBeDefined();
    }
  });

  it.each(badBodyCases)('$name → 400 at $path', async ({ route, body, path }) => {
    const res = await api.call(route.method, fillPath(route, ids), {
      body: body(ids),
      headers: { 'if-match': '*', ...authFor(route, ids, rt.demo.token) },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'body', path })]));
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it.each(ROUTES_WITH_BODY)('$operationId: a body that is not JSON → 400', async (route) => {
    const res = await api.call(route.method, fillPath(route, ids), {
      raw: '{"name":',
      headers: { 'content-type': 'application/json', 'if-match': '*', ...authFor(route, ids, rt.demo.token) },
    });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('not valid JSON');
  });

  it.each(ROUTES_WITH_BODY)(
    '$operationId: a body that is not declared JSON → 400 naming content-type',
    async (route) => {
      const res = await api.call(route.method, fillPath(route, ids), {
        raw: JSON.stringify(VALID_BODIES[route.operationId]!(ids)),
        headers: { 'content-type': 'text/plain', 'if-match': '*', ...authFor(route, ids, rt.demo.token) },
      });
      expect(res.status).toBe(400);
      expect(res.body.issues[0]).toMatchObject({ in: 'header', path: 'content-type' });
    },
  );

  it.each(ROUTES_WITH_PARAMS)(
    '$operationId: a malformed id in the path → 400 naming the parameter',
    async (route) => {
      const path = route.path.replace('/api', '').replace(/\{(\w+)\}/g, 'not-an-id');
      const body = VALID_BODIES[route.operationId]?.(ids);
      const res = await api.call(route.method, path, {
        body,
        headers: { 'if-match': '*', ...authFor(route, ids, rt.demo.token) },
      });
      expect(res.status).toBe(400);
      expect(res.body.issues[0]).toMatchObject({ in: 'path' });
    },
  );

  it.each([
    ['limit=0', 'limit'],
    ['limit=9999', 'limit'],
    ['limit=abc', 'limit'],
  ])('a bad page query (%s) → 400 at query %s', async (query, path) => {
    const res = await api.get(`/v1/environments?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toMatchObject({ in: 'query', path });
  });

  it('a malformed If-Match → 400', async () => {
    const res = await api.put(`/v1/farms/${ids.farmId}`, VALID_BODIES.updateFarm!(ids), {
      'if-match': 'yesterday',
    });
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toMatchObject({ in: 'header', path: 'if-match' });
  });

  it('an unknown API path → 404, a wrong method → 405 with Allow', async () => {
    expect((await api.get('/v1/nothing-here')).status).toBe(404);
    const wrong = await api.call('PATCH', '/v1/environments');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('GET');
  });

  it('no token → 401; a forged token → 401', async () => {
    expect((await apiClient(rt.apiUrl).get('/v1/environments')).status).toBe(401);
    const forged = `${rt.demo.token.split('.').slice(0, 2).join('.')}.c2lnbmF0dXJl`;
    expect((await apiClient(rt.apiUrl, forged).get('/v1/environments')).status).toBe(401);
  });
});
