// The audit log and access control over HTTP: a write with an API token names the token and
// never stores its secret; a refused write (403) is recorded; a team member with audit:view reads
// only the entries of the environments their teams are granted; a change to a team through its
// members path is recorded as a change of the team, with the member list's diff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import type { SeedRole } from '../../../local/seed-access';
import { type ApiClient, apiClient } from '../../support/api-client';
import { farm, role } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let owner: ApiClient;
let envId: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  owner = apiClient(rt.apiUrl, rt.demo.token);
  envId = rt.demo.environmentId;
});
afterAll(() => rt?.stop());

async function as(seedRole: SeedRole) {
  const user = rt.demo.users!.find((u) => u.role === seedRole)!;
  return { user, api: apiClient(rt.apiUrl, await rt.mintToken(user.userId, rt.demo.accountId)) };
}

async function entries(client: ApiClient, query: Record<string, string> = {}) {
  const res = await client.get(`/v1/audit?${new URLSearchParams({ limit: '200', ...query })}`);
  expect(res.status).toBe(200);
  return res.body.items as any[];
}

describe('audit and access', () => {
  it('names the API token a write came with, and never stores the token secret', async () => {
    const token = await owner.post('/v1/api-tokens', { name: 'ci', expiresInDays: 1 });
    expect(token.status).toBe(201);
    const automation = apiClient(rt.apiUrl, token.body.secret);
    const created = await automation.post(`/v1/environments/${envId}/farms`, farm('audit-token'));
    expect(created.status).toBe(201);

    const [entry] = await entries(owner, { resourceId: created.body.id });
    expect(entry.actor).toEqual({ userId: rt.demo.userId, via: 'api-token', tokenId: token.body.id });
    const [tokenEntry] = await entries(owner, { resourceId: token.body.id });
    expect(tokenEntry).toMatchObject({
      action: 'createApiToken',
      resource: { type: 'apiToken', name: 'ci' },
    });
    expect(JSON.stringify(await entries(owner))).not.toContain(token.body.secret);
  });

  it('records a refused write (403) with who tried it', async () => {
    const { user, api } = await as('read-only');
    const current = await owner.get(`/v1/farms/${rt.demo.farmId}`);
    const { name, description, leaseExpiresAt, farmRoles } = current.body;
    const refused = await api.put(
      `/v1/farms/${rt.demo.farmId}`,
      { name, description: `${description}!`, leaseExpiresAt, farmRoles },
      { 'if-match': current.headers.get('etag')! },
    );
    expect(refused.status).toBe(403);
    const [entry] = await entries(owner, { resourceId: rt.demo.farmId, userId: user.userId });
    expect(entry).toMatchObject({
      action: 'updateFarm',
      outcome: 403,
      actor: { userId: user.userId, via: 'user' },
      resource: { type: 'farm', id: rt.demo.farmId },
      environmentId: envId,
      changes: [],
    });
  });

  it("shows a team member only their granted environments' entries", async () => {
    const other = await owner.post('/v1/environments', { name: 'audit-elsewhere' });
    const elsewhere = await owner.post(`/v1/environments/${other.body.id}/farms`, farm('audit-hidden'));
    const accountRole = await owner.post('/v1/roles', role(null));
    const visible = await owner.post(`/v1/environments/${envId}/farms`, farm('audit-visible'));

    const { api } = await as('read-only');
    const seen = (await entries(api)).map((e) => e.resource.id);
    expect(seen).toContain(visible.body.id);
    expect(seen).not.toContain(elsewhere.body.id);
    expect(seen).not.toContain(accountRole.body.id);
    expect(seen).not.toContain(other.body.id);
    expect((await entries(api)).every((e) => e.environmentId === envId)).toBe(true);

    const [hidden] = await entries(owner, { resourceId: elsewhere.body.id });
    expect(hidden.environmentId).toBe(other.body.id);
    expect((await api.get(`/v1/audit/${hidden.id}`)).status).toBe(404);
    expect((await owner.get(`/v1/audit/${hidden.id}`)).status).toBe(200);
  });

  it('records adding a team member as a change of the team', async () => {
    const teamId = rt.demo.teamIds!.viewers;
    const { user } = await as('developer-data');
    const added = await owner.put(`/v1/teams/${teamId}/members/${user.userId}`, undefined);
    expect(added.status).toBeLessThan(300);
    const [entry] = await entries(owner, { action: 'addTeamMember' });
    expect(entry.resource).toMatchObject({ type: 'team', id: teamId });
    expect(JSON.stringify(entry.changes)).toContain(user.userId);
  });
});
