// POST /api/v1/farms/{farmId}/farm-roles/{alias}/metrics over HTTP: an API token holding only
// metrics:push may push and do nothing else; the values land where the farm role's pushed rules
// read them (its scaling memory's source); bad input is a 400 problem+json naming the field
// (unknown metric, too many, negative, too old, extra field), another tenant's farm a 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { seedDemo } from '../../../local/seed';
import { type ApiClient, apiClient } from '../../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';
import { NOWHERE_CLOUD } from '../../support/route-samples';

let rt: LocalRuntime;
let api: ApiClient;
let farmId: string;
let pushPath: string;

const sessionsRule = {
  mode: 'per-instance',
  name: 'sessions',
  source: { type: 'pushed', name: 'sessions' },
  perInstance: 100,
};

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  const envId = rt.demo.environmentId;
  const roleId = (await api.post('/v1/roles', role(envId))).body.id;
  const credId = (
    await api.post(`/v1/environments/${envId}/credentials`, awsAccessKeyCredentials(NOWHERE_CLOUD))
  ).body.id;
  const created = await api.post(
    `/v1/environments/${envId}/farms`,
    farm('pushed', [awsFarmRole(roleId, credId, { alias: 'web', scaling: { rules: [sessionsRule] } })]),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  farmId = created.body.id;
  pushPath = `/v1/farms/${farmId}/farm-roles/web/metrics`;
});
afterAll(() => rt?.stop());

async function problem(res: { status: number; headers: Headers; body: any }, status: number, path?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  if (path) expect(res.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
}

describe('pushing metrics to a farm role', () => {
  it('takes a token with only metrics:push, and that token can do nothing else', async () => {
    const token = await api.post('/v1/api-tokens', { name: 'monitoring', permissions: ['metrics:push'] });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    const pusher = apiClient(rt.apiUrl, token.body.secret);
    const pushed = await pusher.post(pushPath, { metrics: { sessions: 420 } });
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(202);
    expect(pushed.body).toMatchObject({ accepted: ['sessions'] });
    expect(pushed.body.farmRoleId).toMatch(/^fr-/);

    const stored = await rt.deps.store.metricSamples.list(
      { accountId: rt.demo.accountId, farmId },
      { kind: 'pushed', farmRoleId: pushed.body.farmRoleId },
      { fromMs: Date.now() - 60_000, toMs: Date.now() },
    );
    expect(stored.map((s) => s.values)).toEqual([{ 'pushed:sessions': 420 }]);

    await problem(await pusher.get(`/v1/farms/${farmId}`), 403);
    await problem(await pusher.get(`/v1/farms/${farmId}/farm-roles/web/scaling`), 403);
    await problem(await apiClient(rt.apiUrl).post(pushPath, { metrics: { sessions: 1 } }), 401);
  });

  it.each([
    ['a metric no rule reads', { metrics: { sesions: 1 } }, 'metrics.sesions'],
    ['a negative value', { metrics: { sessions: -1 } }, 'metrics.sessions'],
    ['a value that is not a number', { metrics: { sessions: 'many' } }, 'metrics.sessions'],
    ['no metric', { metrics: {} }, 'metrics'],
    [
      'more than 20 metrics',
      { metrics: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`m${i}`, i])) },
      'metrics',
    ],
    [
      'a value measured an hour ago',
      { metrics: { sessions: 1 }, at: new Date(Date.now() - 3_600_000).toISOString() },
      'at',
    ],
    ['a field it does not know', { metrics: { sessions: 1 }, farmRole: 'web' }, ''],
  ])('refuses %s with its field path', async (_why, body, path) => {
    await problem(await api.post(pushPath, body), 400, path);
  });

  it('answers 404 for an unknown farm role or another tenant’s farm', async () => {
    await problem(
      await api.post(`/v1/farms/${farmId}/farm-roles/db/metrics`, { metrics: { sessions: 1 } }),
      404,
    );
    const other = await seedDemo(rt.deps, {}, 'other');
    const outsider = apiClient(rt.apiUrl, await rt.mintToken(other.userId, other.accountId));
    await problem(await outsider.post(pushPath, { metrics: { sessions: 1 } }), 404);
    await problem(await outsider.get(`/v1/farms/${farmId}/farm-roles/web/scaling`), 404);
  });

  it('reads back a farm role’s scaling before any evaluation', async () => {
    const res = await api.get(`/v1/farms/${farmId}/farm-roles/web/scaling`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      alias: 'web',
      enabled: true,
      current: null,
      recent: [],
      evaluatedAt: null,
    });
  });
});
