// Sign-in over HTTP on the local runtime: POST /api/v1/auth/token is a route of the routing table
// (the access group), served by the same group handler as in AWS, with the local issuer behind
// the SignIn port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL, DEMO_PASSWORD, type LocalRuntime } from '../../../local/runtime';
import { apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
}, 60_000);
afterAll(() => rt?.stop());

describe('POST /api/v1/auth/token', () => {
  it('answers a token for the right password, which the API then accepts', async () => {
    const res = await apiClient(rt.apiUrl).post('/v1/auth/token', {
      email: DEMO_EMAIL,
      password: DEMO_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), expiresAt: expect.any(String) });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    const me = await apiClient(rt.apiUrl, res.body.accessToken).get('/v1/me');
    expect(me.status).toBe(200);
  });

  it('takes the email in any case', async () => {
    const res = await apiClient(rt.apiUrl).post('/v1/auth/token', {
      email: DEMO_EMAIL.toUpperCase(),
      password: DEMO_PASSWORD,
    });
    expect(res.status).toBe(200);
  });

  it('answers 401 "Wrong email or password" for a wrong password and for an unknown email alike', async () => {
    const wrong = await apiClient(rt.apiUrl).post('/v1/auth/token', { email: DEMO_EMAIL, password: 'nope' });
    const unknown = await apiClient(rt.apiUrl).post('/v1/auth/token', {
      email: 'nobody@example.com',
      password: DEMO_PASSWORD,
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.detail).toBe('Wrong email or password');
    }
  });

  it('answers 400 naming the field of a bad body', async () => {
    const res = await apiClient(rt.apiUrl).post('/v1/auth/token', { email: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'password']);
  });

  it('is in the OpenAPI document as a public operation', async () => {
    const doc = (await apiClient(rt.apiUrl).get('/v1/openapi.json')).body;
    const op = doc.paths['/api/v1/auth/token'].post;
    expect(op.operationId).toBe('signIn');
    expect(op.security).toEqual([]); // public, said explicitly
    expect(doc.paths['/api/v1/auth/new-password'].post.operationId).toBe('completeNewPassword');
  });
});

describe('POST /api/v1/auth/new-password', () => {
  it('refuses any session locally (no temporary passwords here) with 401', async () => {
    const res = await apiClient(rt.apiUrl).post('/v1/auth/new-password', {
      email: DEMO_EMAIL,
      session: 'no-such-session',
      newPassword: 'New-password-42!',
    });
    expect(res.status).toBe(401);
  });
});
