// The audit log over HTTP against the local runtime: every write leaves one entry with who,
// when, from where and a field-level diff; secrets never reach an entry; the log filters and
// pages; another account sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { seedDemo } from '../../../local/seed';
import { type ApiClient, apiClient } from '../../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';
import { createServerRecord } from '../../support/server-record';

let rt: LocalRuntime;
let api: ApiClient;
let envId: string;
let roleId: string;
let credId: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  envId = rt.demo.environmentId;
  roleId = (await api.post('/v1/roles', role(envId))).body.id;
  credId = (await api.post(`/v1/environments/${envId}/credentials`, awsAccessKeyCredentials())).body.id;
});
afterAll(() => rt?.stop());

/** Every entry the caller may see for these filters, all pages. */
async function entries(client: ApiClient, query: Record<string, string> = {}) {
  const items: any[] = [];
  let cursor: string | undefined;
  do {
    const params = new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) });
    const res = await client.get(`/v1/audit?${params}`);
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

describe('recording writes', () => {
  it('records a farm update with its before/after diff, actor and source', async () => {
    const created = await api.post(
      `/v1/environments/${envId}/farms`,
      farm('audit-1', [awsFarmRole(roleId, credId)]),
    );
    const farmId = created.body.id;
    const spec = farm('audit-1', [{ ...awsFarmRole(roleId, credId), maxInstances: 5 }]);
    const updated = await api.put(
      `/v1/farms/${farmId}`,
      { ...spec, description: 'bigger' },
      {
        'if-match': '"1"',
        'x-drover-client': 'cli',
        'user-agent': 'drover-cli/test',
      },
    );
    expect(updated.status).toBe(200);

    const [update, create] = await entries(api, { resourceId: farmId });
    expect(update).toMatchObject({
      accountId: rt.demo.accountId,
      environmentId: envId,
      action: 'updateFarm',
      actor: { userId: rt.demo.userId, via: 'user' },
      source: { client: 'cli', userAgent: 'drover-cli/test' },
      resource: { type: 'farm', id: farmId, name: 'audit-1' },
      outcome: 200,
    });
    expect(update.source.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(update.id).toMatch(/^aud-/);
    expect(Date.now() - Date.parse(update.at)).toBeLessThan(60_000);
    expect(update.changes).toEqual([
      { path: 'description', kind: 'changed', before: 'test farm', after: 'bigger' },
      { path: 'farmRoles[web].maxInstances', kind: 'changed', before: 2, after: 5 },
    ]);
    expect(create).toMatchObject({ action: 'createFarm', outcome: 201, source: { client: 'api' } });
    expect(create.changes).toEqual(
      expect.arrayContaining([
        { path: 'name', kind: 'added', after: 'audit-1' },
        expect.objectContaining({ path: 'farmRoles[web]', kind: 'added' }),
      ]),
    );
  });

  it('records a delete with what was there, and a portal write as from the portal', async () => {
    const created = await api.post(`/v1/environments/${envId}/farms`, farm('audit-del'));
    const farmId = created.body.id;
    const res = await api.delete(`/v1/farms/${farmId}`, { 'if-match': '"1"', 'x-drover-client': 'portal' });
    expect(res.status).toBe(204);
    const [deleted] = await entries(api, { resourceId: farmId, action: 'deleteFarm' });
    expect(deleted).toMatchObject({
      outcome: 204,
      source: { client: 'portal' },
      resource: { name: 'audit-del' },
    });
    expect(deleted.changes).toEqual(
      expect.arrayContaining([{ path: 'name', kind: 'removed', before: 'audit-del' }]),
    );
  });

  it('records nothing for reads or for writes that failed (a stale If-Match changed nothing)', async () => {
    const created = await api.post(`/v1/environments/${envId}/farms`, farm('audit-noop'));
    const farmId = created.body.id;
    await api.get(`/v1/farms/${farmId}`);
    const stale = await api.put(`/v1/farms/${farmId}`, farm('audit-noop-2'), { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    const log = await entries(api, { resourceId: farmId });
    expect(log.map((e) => e.action)).toEqual(['createFarm']);
  });

  it('records actions on a resource against that resource (rotate shows what it changed, not the secret)', async () => {
    const base = `/v1/environments/${envId}/webhook-endpoints`;
    const endpoint = await api.post(base, { url: 'http://127.0.0.1:9/hook' });
    const rotated = await api.post(`${base}/${endpoint.body.id}/rotate-secret`, { overlapSeconds: 0 });
    expect(rotated.status).toBe(200);
    const [rotation] = await entries(api, {
      resourceId: endpoint.body.id,
      action: 'rotateWebhookEndpointSecret',
    });
    expect(rotation.resource).toMatchObject({ type: 'webhookEndpoint', id: endpoint.body.id });
    expect(rotation.changes.map((c: { path: string }) => c.path)).toContain('secretHint');
    expect(JSON.stringify(rotation)).not.toContain(rotated.body.signingSecret);
  });
});

describe('secrets', () => {
  it('never stores a credential secret or a signing secret in any entry', async () => {
    const secretKey = 'audit-secret-access-key-value-0042';
    const creds = awsAccessKeyCredentials();
    const cred = await api.post(`/v1/environments/${envId}/credentials`, {
      ...creds,
      auth: { ...creds.auth, secretAccessKey: secretKey },
    });
    await api.put(
      `/v1/environments/${envId}/credentials/${cred.body.id}`,
      { ...creds, name: 'renamed', auth: { ...creds.auth, secretAccessKey: `${secretKey}-new` } },
      { 'if-match': '"1"' },
    );
    const endpoint = await api.post(`/v1/environments/${envId}/webhook-endpoints`, {
      url: 'http://127.0.0.1:9/hook',
      headers: { Authorization: 'Bearer audit-header-secret' },
    });
    expect(endpoint.body.signingSecret).toBeTruthy();

    const all = JSON.stringify(await entries(api));
    expect(all).not.toContain(secretKey);
    expect(all).not.toContain(endpoint.body.signingSecret);
    expect(all).not.toContain('audit-header-secret');
    // The entries still say what happened.
    const [credCreate] = await entries(api, { resourceId: cred.body.id, action: 'createCredentials' });
    expect(credCreate.resource).toMatchObject({ type: 'credentials', name: 'aws-keys' });
    const [endpointCreate] = await entries(api, { resourceId: endpoint.body.id });
    expect(endpointCreate.changes).toEqual(
      expect.arrayContaining([{ path: 'signingSecret', kind: 'added', after: '[redacted]' }]),
    );
  });
});

describe('reading the log', () => {
  it('filters by action, resource type, user, environment and time, and pages newest first', async () => {
    const before = new Date().toISOString();
    const names = ['audit-p1', 'audit-p2', 'audit-p3'];
    for (const name of names) await api.post(`/v1/environments/${envId}/farms`, farm(name));
    const after = new Date().toISOString();

    const window = { from: before, to: after, action: 'createFarm' };
    const page1 = await api.get(`/v1/audit?${new URLSearchParams({ ...window, limit: '2' })}`);
    expect(page1.body.items.map((e: any) => e.resource.name)).toEqual(['audit-p3', 'audit-p2']);
    expect(page1.body.nextCursor).toBeTruthy();
    const page2 = await api.get(
      `/v1/audit?${new URLSearchParams({ ...window, limit: '2', cursor: page1.body.nextCursor })}`,
    );
    expect(page2.body.items.map((e: any) => e.resource.name)).toEqual(['audit-p1']);

    expect(
      await entries(api, { ...window, resourceType: 'farm', userId: rt.demo.userId, environmentId: envId }),
    ).toHaveLength(3);
    expect(await entries(api, { ...window, userId: 'usr-someone-else' })).toHaveLength(0);
    expect(await entries(api, { ...window, resourceType: 'role' })).toHaveLength(0);
    expect(await entries(api, { to: before, action: 'createFarm', resourceType: 'farm' })).not.toEqual(
      expect.arrayContaining([
        expect.objectContaining({ resource: expect.objectContaining({ name: 'audit-p1' }) }),
      ]),
    );
  });

  it('gets one entry by id', async () => {
    const [latest] = (await api.get('/v1/audit?limit=1')).body.items;
    const res = await api.get(`/v1/audit/${latest.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(latest);
  });

  it('refuses a bad filter with the field named', async () => {
    const res = await api.get('/v1/audit?from=yesterday');
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toMatchObject({ in: 'query', path: 'from' });
  });

  it('shows another account nothing of this one', async () => {
    const other = await seedDemo(rt.deps, {}, 'Audit other');
    const intruder = apiClient(rt.apiUrl, await rt.mintToken(other.userId, other.accountId));
    const mine = await entries(api);
    expect(mine.length).toBeGreaterThan(0);
    const theirs = await entries(intruder);
    expect(theirs.every((e) => e.accountId === other.accountId)).toBe(true);
    expect((await intruder.get(`/v1/audit/${mine[0].id}`)).status).toBe(404);
    expect((await intruder.get(`/v1/audit?resourceId=${mine[0].resource.id}`)).body.items).toEqual([]);
  });

  it('records nothing for the agent routes (a server reporting is not a person writing)', async () => {
    const created = await api.post(
      `/v1/environments/${envId}/farms`,
      farm('audit-agent', [awsFarmRole(roleId, credId)]),
    );
    const server = await createServerRecord(rt.deps.store, created.body, { status: 'Pending' });
    const token = rt.deps.agentTokens.issue({
      accountId: rt.demo.accountId,
      farmId: created.body.id,
      serverId: server.id,
    });
    const report = await apiClient(rt.apiUrl, token).post('/v1/agent/events', { name: 'HostInit' });
    expect(report.status).toBe(200);
    expect(await entries(api, { action: 'reportAgentEvent' })).toEqual([]);
    expect(await entries(api, { resourceId: server.id })).toEqual([]);
  });
});
