// Identity and access over HTTP against the local runtime: signing in as stored users, API
// tokens (shown once, hashed, narrowed, revoked), the agent/user token separation, account
// administration for owner and admin only, teams granting environments, and lists showing
// only what the caller may view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import type { SeedRole } from '../../../local/seed-access';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';
import { createSampleIds, type Ids } from '../../support/route-samples';

let rt: LocalRuntime;
let owner: ApiClient;
let ids: Ids;

const seeded = (role: SeedRole) => rt.demo.users!.find((u) => u.role === role)!;
const signIn = async (email: string, password: string) =>
  fetch(`${rt.apiUrl}/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
const as = async (role: SeedRole) => {
  const u = seeded(role);
  const res = await signIn(u.email, u.password);
  expect(res.status).toBe(200);
  return apiClient(rt.apiUrl, ((await res.json()) as { accessToken: string }).accessToken);
};

beforeAll(async () => {
  rt = await startTestRuntime();
  owner = apiClient(rt.apiUrl, rt.demo.token);
  ids = await createSampleIds(rt, owner, 'access-api');
});
afterAll(() => rt?.stop());

describe('signing in', () => {
  it.each<SeedRole>(['owner', 'admin', 'developer-web', 'developer-data', 'read-only'])(
    'the seeded %s signs in with the documented password',
    async (role) => {
      const me = await (await as(role)).get('/v1/me');
      expect(me.status).toBe(200);
      expect(me.body.user.email).toBe(seeded(role).email);
    },
  );

  it('refuses a wrong password', async () => {
    expect((await signIn(seeded('admin').email, 'not-the-password')).status).toBe(401);
  });

  it('lets a user created through the API sign in with their initial password', async () => {
    const created = await owner.post('/v1/users', {
      email: 'Newcomer@Example.com',
      name: 'Newcomer',
      initialPassword: 'a-long-password',
    });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('newcomer@example.com');
    expect(JSON.stringify(created.body)).not.toContain('password');
    expect((await signIn('newcomer@example.com', 'a-long-password')).status).toBe(200);
  });

  it('a removed user can no longer sign in with their password, and their email can be invited again', async () => {
    const created = await owner.post('/v1/users', {
      email: 'departing@example.com',
      name: 'Departing',
      initialPassword: 'a-long-password',
    });
    expect((await signIn('departing@example.com', 'a-long-password')).status).toBe(200);
    expect((await owner.delete(`/v1/users/${created.body.id}`)).status).toBe(204);
    expect((await signIn('departing@example.com', 'a-long-password')).status).toBe(401);
    const again = await owner.post('/v1/users', { email: 'departing@example.com', name: 'Back' });
    expect(again.status).toBe(201);
    // Invited without a password: no local sign-in until one is set.
    expect((await signIn('departing@example.com', 'a-long-password')).status).toBe(401);
  });

  it('answers 409 for an email that already has a user, and creates nothing', async () => {
    const first = await owner.post('/v1/users', { email: 'twice@example.com', name: 'Once' });
    expect(first.status).toBe(201);
    const second = await owner.post('/v1/users', { email: 'twice@example.com', name: 'Twice' });
    expect(second.status).toBe(409);
    const listed = await owner.get('/v1/users?limit=200');
    expect(listed.body.items.filter((u: { email: string }) => u.email === 'twice@example.com')).toHaveLength(
      1,
    );
  });

  it('a removed user can no longer use their token', async () => {
    const created = await owner.post('/v1/users', { email: 'leaver@example.com', name: 'Leaver' });
    const token = await rt.mintToken(created.body.id, rt.demo.accountId);
    expect((await apiClient(rt.apiUrl, token).get('/v1/me')).status).toBe(200);
    expect((await owner.delete(`/v1/users/${created.body.id}`)).status).toBe(204);
    expect((await apiClient(rt.apiUrl, token).get('/v1/me')).status).toBe(401);
  });
});

describe('GET /me', () => {
  it("gives a developer their environment's permissions with farm scopes", async () => {
    const me = await (await as('developer-web')).get('/v1/me');
    expect(me.body.accountRole).toBe('user');
    const demo = me.body.environments.find(
      (e: { environmentId: string }) => e.environmentId === rt.demo.environmentId,
    );
    expect(demo.permissions).toMatchObject({ 'farms:view': 'all', 'farms:launch': 'team' });
    expect(demo.permissions['credentials:manage']).toBeUndefined();
  });

  it('gives an admin everything', async () => {
    const me = await (await as('admin')).get('/v1/me');
    expect(me.body.accountRole).toBe('admin');
    expect(me.body.environments[0].permissions['credentials:manage']).toBe('all');
  });
});

describe('API tokens', () => {
  it('shows the secret once, stores it hashed, and acts as the user', async () => {
    const dev = await as('developer-web');
    const created = await dev.post('/v1/api-tokens', { name: 'ci', expiresInDays: 7 });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^drv_tok-[0-9a-z]{26}_[\w-]{43}$/);
    const listed = await dev.get('/v1/api-tokens');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    expect(listed.body.items.map((t: { id: string }) => t.id)).toContain(created.body.id);

    const byToken = apiClient(rt.apiUrl, created.body.secret);
    const me = await byToken.get('/v1/me');
    expect(me.body).toMatchObject({ via: 'api-token', apiToken: { id: created.body.id } });
    expect(me.body.user.id).toBe(seeded('developer-web').userId);
    const after = await dev.get('/v1/api-tokens');
    expect(after.body.items.find((t: { id: string }) => t.id === created.body.id).lastUsedAt).not.toBeNull();
  });

  it('a narrowed token may only what its list names', async () => {
    const created = await owner.post('/v1/api-tokens', { name: 'read', permissions: ['farms:view'] });
    const byToken = apiClient(rt.apiUrl, created.body.secret);
    expect((await byToken.get(`/v1/farms/${ids.farmId}`)).status).toBe(200);
    const refused = await byToken.post(`/v1/farms/${ids.farmId}/launch`);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/API token does not include farms:launch/);
  });

  it('refuses a token listing what its user does not hold', async () => {
    const res = await (await as('read-only')).post('/v1/api-tokens', {
      name: 'sneaky',
      permissions: ['credentials:manage'],
    });
    expect(res.status).toBe(422);
    expect(res.body.issues[0].path).toBe('permissions.0');
  });

  it('a revoked token, and a forged one, are refused with 401', async () => {
    const created = await owner.post('/v1/api-tokens', { name: 'short' });
    const byToken = apiClient(rt.apiUrl, created.body.secret);
    expect((await byToken.get('/v1/me')).status).toBe(200);
    expect((await owner.delete(`/v1/api-tokens/${created.body.id}`)).status).toBe(204);
    expect((await byToken.get('/v1/me')).status).toBe(401);
    const forged = `${created.body.secret.slice(0, -4)}AAAA`;
    expect((await apiClient(rt.apiUrl, forged).get('/v1/me')).status).toBe(401);
  });

  it("one cannot revoke another user's token (404)", async () => {
    const created = await owner.post('/v1/api-tokens', { name: 'mine' });
    expect((await (await as('admin')).delete(`/v1/api-tokens/${created.body.id}`)).status).toBe(404);
  });
});

describe('agent tokens and user tokens stay apart', () => {
  it('an agent token on a user route → 401', async () => {
    expect((await apiClient(rt.apiUrl, ids.agentToken).get(`/v1/farms/${ids.farmId}`)).status).toBe(401);
    expect((await apiClient(rt.apiUrl, ids.agentToken).get('/v1/me')).status).toBe(401);
  });

  it('a user token and an API token on an agent route → 401', async () => {
    expect((await owner.post('/v1/agent/events', { name: 'HostInit' })).status).toBe(401);
    const created = await owner.post('/v1/api-tokens', { name: 'agentish' });
    expect(
      (await apiClient(rt.apiUrl, created.body.secret).post('/v1/agent/events', { name: 'HostInit' })).status,
    ).toBe(401);
  });
});

describe('account administration', () => {
  it('a developer may not list users, and is told why', async () => {
    const res = await (await as('developer-web')).get('/v1/users');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/users:manage needs the account role owner or admin/);
  });

  it('an admin manages users but may not make an owner', async () => {
    const admin = await as('admin');
    expect((await admin.get('/v1/users')).status).toBe(200);
    const res = await admin.post('/v1/users', {
      email: 'boss@example.com',
      name: 'Boss',
      accountRole: 'owner',
    });
    expect(res.status).toBe(403);
  });

  it('the account keeps an owner', async () => {
    const res = await owner.put(`/v1/users/${rt.demo.userId}/account-role`, { accountRole: 'admin' });
    expect(res.status).toBe(409);
  });

  it('built-in ACL roles are read-only; a granted custom one cannot be deleted', async () => {
    expect(
      (await owner.put('/v1/acl-roles/developer', { name: 'x', permissions: {} }, { 'if-match': '*' }))
        .status,
    ).toBe(409);
    const res = await owner.delete(`/v1/acl-roles/${ids.aclRoleId}`);
    expect(res.status).toBe(204); // the samples' team grants read-only, not this role
    const role = await owner.post('/v1/acl-roles', { name: 'granted', permissions: { 'farms:view': 'all' } });
    await owner.put(
      `/v1/teams/${ids.teamId}`,
      {
        name: 'samples-granted',
        memberIds: [],
        grants: [{ environmentId: ids.environmentId, aclRoleId: role.body.id }],
      },
      { 'if-match': '*' },
    );
    expect((await owner.delete(`/v1/acl-roles/${role.body.id}`)).status).toBe(409);
  });
});

describe('what a user sees', () => {
  it('a developer of another team views the farm but may not launch it, and is told why', async () => {
    const data = await as('developer-data');
    expect((await data.get(`/v1/farms/${rt.demo.farmId}`)).status).toBe(200);
    const res = await data.post(`/v1/farms/${rt.demo.farmId}/terminate`);
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/farms:terminate on this farm in environment env-/);
  });

  it('a user with no grant sees no environment, and 403 inside one', async () => {
    const created = await owner.post('/v1/users', { email: 'nogrant@example.com', name: 'No Grant' });
    const api = apiClient(rt.apiUrl, await rt.mintToken(created.body.id, rt.demo.accountId));
    expect((await api.get('/v1/environments')).body.items).toEqual([]);
    const res = await api.get(`/v1/environments/${rt.demo.environmentId}/farms`);
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/none of your teams is granted environment/);
  });

  it('a team grant of an own-scoped custom role lists only the farms the user owns', async () => {
    const created = await owner.post('/v1/users', { email: 'own@example.com', name: 'Own' });
    const role = await owner.post('/v1/acl-roles', {
      name: 'own-farms',
      permissions: {
        'farms:view': 'own',
        'farms:create': 'all',
        'roles:view': 'all',
        'credentials:view': 'all',
      },
    });
    await owner.post('/v1/teams', {
      name: 'own-team',
      memberIds: [created.body.id],
      grants: [{ environmentId: rt.demo.environmentId, aclRoleId: role.body.id }],
    });
    const api = apiClient(rt.apiUrl, await rt.mintToken(created.body.id, rt.demo.accountId));
    const before = await api.get(`/v1/environments/${rt.demo.environmentId}/farms`);
    expect(before.status).toBe(200);
    expect(before.body.items).toEqual([]);
    const farm = await api.post(`/v1/environments/${rt.demo.environmentId}/farms`, { name: 'mine-only' });
    expect(farm.status).toBe(201);
    expect(farm.body.ownerTeamId).toBe(
      (await owner.get('/v1/teams')).body.items.find((t: { name: string }) => t.name === 'own-team').id,
    );
    const after = await api.get(`/v1/environments/${rt.demo.environmentId}/farms`);
    expect(after.body.items.map((f: { name: string }) => f.name)).toEqual(['mine-only']);
  });
});
