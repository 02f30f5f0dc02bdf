// Tenant onboarding over HTTP on the local runtime: sign-up through the public route (an account,
// its owner and environment `default`; 409 for a taken email; 400 with field paths; 429 per
// address), and the platform operator's account routes: list, suspend (the account's users and
// API tokens get 403 with the reason while its farm is still reconciled: an instance killed
// behind Drover's back is replaced), resume, delete (409 while a farm runs, then everything goes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { untilConverged } from '../../support/converge';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let anonymous: ApiClient;
let operator: ApiClient;
let n = 0;
const email = (what: string) => `${what}-${process.pid}-${Date.now()}-${++n}@example.com`;
const PASSWORD = 'Correct-horse-42!';

async function signUpAndSignIn(accountName: string) {
  const address = email('owner');
  const res = await anonymous.post('/v1/accounts', { accountName, email: address, password: PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const token = await anonymous.post('/v1/auth/token', { email: address, password: PASSWORD });
  expect(token.status).toBe(200);
  return { ...res.body, email: address, api: apiClient(rt.apiUrl, token.body.accessToken) };
}

beforeAll(async () => {
  rt = await startTestRuntime({
    sandboxTimings: { bootMs: 300, shutdownMs: 200 },
    reconcileIntervalMs: 1000,
    throttles: { signUpPerAddress: { max: 1000, windowMs: 60_000 } },
  });
  anonymous = apiClient(rt.apiUrl);
  operator = apiClient(rt.apiUrl, rt.operatorToken);
});
afterAll(() => rt?.stop());

describe('POST /api/v1/accounts (sign-up)', () => {
  it('creates the account, its owner and environment default; the owner signs in and sees only them', async () => {
    const created = await signUpAndSignIn('Acme');
    expect(created.account.name).toBe('Acme');
    expect(created.owner).toMatchObject({ email: created.email, accountRole: 'owner' });
    expect(created.environment).toMatchObject({ name: 'default', accountId: created.account.id });
    expect(created.signIn).toEqual({ email: created.email, tokenPath: '/api/v1/auth/token' });
    expect((await created.api.get('/v1/account')).body.id).toBe(created.account.id);
    const envs = (await created.api.get('/v1/environments')).body.items;
    expect(envs.map((e: { id: string }) => e.id)).toEqual([created.environment.id]);
    const audit = (await created.api.get('/v1/audit')).body.items;
    expect(audit.map((e: { action: string }) => e.action)).toContain('signUp');
  });

  it('answers 409 for an email that already signs in (the demo owner, a signed-up owner)', async () => {
    const taken = await anonymous.post('/v1/accounts', {
      accountName: 'Copy',
      email: 'demo@drover.local',
      password: PASSWORD,
    });
    expect(taken.status).toBe(409);
    const first = await signUpAndSignIn('First');
    const again = await anonymous.post('/v1/accounts', {
      accountName: 'Second',
      email: first.email.toUpperCase(),
      password: PASSWORD,
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already signs in with this email/);
  });

  it.each([
    ['not an email', { accountName: 'A', email: 'nobody', password: PASSWORD }, 'email'],
    ['a short password', { accountName: 'A', email: 'a@example.com', password: 'short' }, 'password'],
    ['no account name', { email: 'a@example.com', password: PASSWORD }, 'accountName'],
    [
      'an account name too long',
      { accountName: 'x'.repeat(129), email: 'a@example.com', password: PASSWORD },
      'accountName',
    ],
    [
      'a password too long',
      { accountName: 'A', email: 'a@example.com', password: 'x'.repeat(257) },
      'password',
    ],
  ])('answers 400 naming the field for %s', async (_why, body, path) => {
    const res = await anonymous.post('/v1/accounts', body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('is in the OpenAPI document as a public route', async () => {
    const doc = (await anonymous.get('/v1/openapi.json')).body;
    expect(doc.paths['/api/v1/accounts'].post.security).toEqual([]);
    expect(doc.paths['/api/v1/accounts'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/operator/accounts'].get.security).toEqual([{ operatorToken: [] }]);
  });
});

describe('the platform operator', () => {
  it('alone may list accounts: no token and a user token are 401', async () => {
    expect((await anonymous.get('/v1/operator/accounts')).status).toBe(401);
    expect((await apiClient(rt.apiUrl, rt.demo.token).get('/v1/operator/accounts')).status).toBe(401);
    const created = await signUpAndSignIn('Listed');
    const list = await operator.get('/v1/operator/accounts?limit=200');
    expect(list.status).toBe(200);
    const row = list.body.items.find((a: { id: string }) => a.id === created.account.id);
    expect(row).toMatchObject({ name: 'Listed', status: 'active', ownerEmails: [created.email] });
  });

  it('suspends an account: its users and API tokens get 403 with the reason, its farm is still reconciled', async () => {
    const tenant = await signUpAndSignIn('Suspended Co');
    const env = tenant.environment.id;
    const roleId = (await tenant.api.post('/v1/roles', role(env))).body.id;
    const credId = (
      await tenant.api.post(
        `/v1/environments/${env}/credentials`,
        awsAccessKeyCredentials(rt.sandboxes.ec2.url),
      )
    ).body.id;
    const farmId = (
      await tenant.api.post(`/v1/environments/${env}/farms`, farm('kept', [awsFarmRole(roleId, credId)]))
    ).body.id;
    const apiToken = (await tenant.api.post('/v1/api-tokens', { name: 'ci', expiresInDays: 1 })).body.secret;
    expect((await tenant.api.post(`/v1/farms/${farmId}/launch`)).status).toBe(202);
    const converged = await untilConverged(tenant.api, farmId, { timeoutMs: 30_000 });
    const before = converged.servers.find((s) => s.status === 'Running')!;

    const suspended = await operator.post(`/v1/operator/accounts/${tenant.account.id}/suspend`, {
      reason: 'unpaid invoice',
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', suspension: { reason: 'unpaid invoice' } });

    for (const caller of [tenant.api, apiClient(rt.apiUrl, apiToken)]) {
      const res = await caller.get(`/v1/farms/${farmId}`);
      expect(res.status).toBe(403);
      expect(res.body.detail).toBe('account suspended: unpaid invoice');
    }
    const signIn = await anonymous.post('/v1/auth/token', { email: tenant.email, password: PASSWORD });
    expect(signIn.status).toBe(403);
    expect(signIn.body.detail).toBe('account suspended: unpaid invoice');

    // Behind Drover's back: the reconciler still owns the farm and replaces the instance.
    const kill = await fetch(`${rt.sandboxes.ec2.url}/_sandbox/instances/${before.instanceId}/kill`, {
      method: 'POST',
    });
    expect(kill.status).toBe(200);
    const scope = { accountId: tenant.account.id, farmId };
    const deadline = Date.now() + 30_000;
    let replaced = false;
    while (!replaced && Date.now() < deadline) {
      const servers = await rt.deps.store.servers.listByFarm(scope);
      replaced = servers.some((s) => s.status === 'Running' && s.id !== before.id);
      if (!replaced) await new Promise((ok) => setTimeout(ok, 200));
    }
    expect(replaced, 'a replacement server reached Running while the account was suspended').toBe(true);

    const resumed = await operator.post(`/v1/operator/accounts/${tenant.account.id}/resume`);
    expect(resumed.status).toBe(200);
    expect(resumed.body.status).toBe('active');
    expect(resumed.body.suspension).toBeUndefined();
    expect((await tenant.api.get(`/v1/farms/${farmId}`)).status).toBe(200);
    expect((await apiClient(rt.apiUrl, apiToken).get(`/v1/farms/${farmId}`)).status).toBe(200);

    const audit = (await tenant.api.get('/v1/audit?limit=200')).body.items as {
      action: string;
      actor: { via: string };
    }[];
    expect(audit.filter((e) => e.actor.via === 'operator').map((e) => e.action)).toEqual(
      expect.arrayContaining(['suspendAccount', 'resumeAccount']),
    );

    // Deleting refuses while the farm runs, then removes everything once it is Terminated.
    const refused = await operator.delete(`/v1/operator/accounts/${tenant.account.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/kept/);
    expect((await tenant.api.post(`/v1/farms/${farmId}/terminate`)).status).toBe(202);
    await untilConverged(tenant.api, farmId, { timeoutMs: 30_000 }).catch(() => undefined);
    const until = Date.now() + 30_000;
    while ((await tenant.api.get(`/v1/farms/${farmId}`)).body.status !== 'Terminated' && Date.now() < until)
      await new Promise((ok) => setTimeout(ok, 200));
    const deleted = await operator.delete(`/v1/operator/accounts/${tenant.account.id}`);
    expect(deleted.status).toBe(204);
    expect((await tenant.api.get('/v1/account')).status).toBe(401);
    expect(await rt.deps.store.farms.get({ accountId: tenant.account.id }, farmId)).toBeUndefined();
    const listed = (await operator.get('/v1/operator/accounts?limit=200')).body.items.map(
      (a: { id: string }) => a.id,
    );
    expect(listed).not.toContain(tenant.account.id);
    // The email is free again.
    const again = await anonymous.post('/v1/accounts', {
      accountName: 'Back',
      email: tenant.email,
      password: PASSWORD,
    });
    expect(again.status).toBe(201);
  }, 120_000);

  it('answers 404 for an account that does not exist and 400 for a reason left empty', async () => {
    const missing = 'acc-01hzzzzzzzzzzzzzzzzzzzzzzz';
    expect((await operator.post(`/v1/operator/accounts/${missing}/suspend`, { reason: 'x' })).status).toBe(
      404,
    );
    expect((await operator.delete(`/v1/operator/accounts/${missing}`)).status).toBe(404);
    const created = await signUpAndSignIn('Reasons');
    const empty = await operator.post(`/v1/operator/accounts/${created.account.id}/suspend`, { reason: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.issues[0].path).toBe('reason');
  });
});

describe('sign-up throttled per address', () => {
  it('answers 429 with Retry-After after the limit', async () => {
    const strict = await startTestRuntime({
      seed: false,
      throttles: { signUpPerAddress: { max: 2, windowMs: 60_000 } },
    });
    try {
      const api = apiClient(strict.apiUrl);
      for (let i = 0; i < 2; i++)
        expect(
          (await api.post('/v1/accounts', { accountName: 'T', email: email('t'), password: PASSWORD }))
            .status,
        ).toBe(201);
      const third = await api.post('/v1/accounts', {
        accountName: 'T',
        email: email('t'),
        password: PASSWORD,
      });
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    } finally {
      await strict.stop();
    }
  }, 60_000);
});

describe('operator-only sign-up', () => {
  it('refuses anyone without an operator token (403) and lets the operator create the account', async () => {
    const closed = await startTestRuntime({ seed: false, signUpMode: 'operator' });
    try {
      const body = { accountName: 'Invited', email: email('invited'), password: PASSWORD };
      const refused = await apiClient(closed.apiUrl).post('/v1/accounts', body);
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toMatch(/operator-only/);
      const forged = await apiClient(closed.apiUrl, `drvop_${'A'.repeat(43)}`).post('/v1/accounts', body);
      expect(forged.status).toBe(401);
      const made = await apiClient(closed.apiUrl, closed.operatorToken).post('/v1/accounts', body);
      expect(made.status).toBe(201);
      const token = await apiClient(closed.apiUrl).post('/v1/auth/token', {
        email: body.email,
        password: PASSWORD,
      });
      expect(token.status).toBe(200);
    } finally {
      await closed.stop();
    }
  }, 60_000);
});
