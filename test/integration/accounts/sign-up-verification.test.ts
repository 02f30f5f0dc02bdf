// Self-service sign-up the AWS way, with its emailed code: the runtime's email verification,
// user directory and sign-in are the Cognito adapters (real SDK client) against the Cognito JSON
// API stand-in, whose ID tokens the local issuer mints. Sign-up makes an unconfirmed Cognito user
// with Drover's ids through the sign-up client; sign-in is refused until the code comes back;
// a wrong code, and an email nobody signed up with, get the same 400 at `code`.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCognitoEmailVerification } from '../../../functions/adapters/identity/cognito-email-verification';
import { createCognitoSignIn } from '../../../functions/adapters/identity/cognito-sign-in';
import { createCognitoUserDirectory } from '../../../functions/adapters/identity/cognito-user-directory';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { type CognitoStandIn, startCognitoStandIn } from '../../support/cognito-idp-stand-in';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let cognito: CognitoStandIn;
let anonymous: ApiClient;

beforeAll(async () => {
  cognito = await startCognitoStandIn(undefined, undefined, {
    idToken: (attributes) => rt.mintToken(attributes['custom:user_id']!, attributes['custom:account_id']!),
  });
  const client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  rt = await startTestRuntime({
    seed: false,
    userDirectory: () => createCognitoUserDirectory({ userPoolId: cognito.userPoolId, client }),
    signIn: () => createCognitoSignIn({ clientId: cognito.clientId, client }),
    emailVerification: () =>
      createCognitoEmailVerification({
        userPoolId: cognito.userPoolId,
        clientId: cognito.signUpClientId,
        client,
      }),
  });
  anonymous = apiClient(rt.apiUrl);
});
afterAll(async () => {
  await rt?.stop();
  await cognito?.stop();
});

const PASSWORD = 'Verify-password-42!';
const codeFor = (email: string) => cognito.sentCodes.filter((c) => c.email === email).at(-1)?.code;
const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

describe('self-service sign-up with email verification (Cognito)', () => {
  it('signs up unconfirmed, refuses sign-in until the emailed code is sent, then signs in with Drover’s ids', async () => {
    const email = `verify-${process.pid}@example.com`;
    const res = await anonymous.post('/v1/accounts', { accountName: 'Verify Co', email, password: PASSWORD });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'verification-required',
      verify: { email, path: '/api/v1/accounts/verify', resendPath: '/api/v1/accounts/resend-code' },
    });
    const user = cognito.users.get(email)!;
    expect(user).toMatchObject({ status: 'UNCONFIRMED', password: PASSWORD });
    expect(user.attributes).toMatchObject({
      'custom:account_id': res.body.account.id,
      'custom:user_id': res.body.owner.id,
    });
    expect(user.attributes.email_verified).toBeUndefined();
    // Cognito's own flow, not the admin one: no AdminCreateUser, no password set for them.
    const operations = cognito.calls.map((c) => c.operation);
    expect(operations).toContain('SignUp');
    expect(operations).not.toContain('AdminCreateUser');
    const code = codeFor(email)!;
    expect(code).toMatch(/^\d{6}$/);

    const early = await anonymous.post('/v1/auth/token', { email, password: PASSWORD });
    expect(early.status).toBe(403);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    expect(early.body.detail).toMatch(/email is not verified/);

    const bad = await anonymous.post('/v1/accounts/verify', { email, code: wrong(code) });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(['code']);
    expect(user.status).toBe('UNCONFIRMED');

    const ok = await anonymous.post('/v1/accounts/verify', { email, code });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ verified: true, signIn: { email, tokenPath: '/api/v1/auth/token' } });
    expect(user.status).toBe('CONFIRMED');

    const token = await anonymous.post('/v1/auth/token', { email, password: PASSWORD });
    expect(token.status).toBe(200);
    const account = await apiClient(rt.apiUrl, token.body.accessToken).get('/v1/account');
    expect(account.body.id).toBe(res.body.account.id);

    const again = await anonymous.post('/v1/accounts/verify', { email, code });
    expect(again.status).toBe(409);
  });

  it('resends a new code (202) that replaces the old one', async () => {
    const email = `resend-${process.pid}@example.com`;
    expect(
      (await anonymous.post('/v1/accounts', { accountName: 'Resend Co', email, password: PASSWORD })).status,
    ).toBe(201);
    const first = codeFor(email)!;
    const resent = await anonymous.post('/v1/accounts/resend-code', { email });
    expect(resent.status).toBe(202);
    const second = codeFor(email)!;
    expect(cognito.sentCodes.filter((c) => c.email === email)).toHaveLength(2);
    if (first !== second) {
      const stale = await anonymous.post('/v1/accounts/verify', { email, code: first });
      expect(stale.status).toBe(400);
    }
    expect((await anonymous.post('/v1/accounts/verify', { email, code: second })).status).toBe(200);
  });

  it('answers an unknown email as a wrong code, and a resend for it as for any other', async () => {
    const known = `known-${process.pid}@example.com`;
    expect(
      (await anonymous.post('/v1/accounts', { accountName: 'Known Co', email: known, password: PASSWORD }))
        .status,
    ).toBe(201);
    const unknown = `nobody-${process.pid}@example.com`;
    const forUnknown = await anonymous.post('/v1/accounts/verify', { email: unknown, code: '123456' });
    const forKnown = await anonymous.post('/v1/accounts/verify', {
      email: known,
      code: wrong(codeFor(known)!),
    });
    expect(forUnknown.status).toBe(400);
    expect({ ...forUnknown.body, instance: undefined }).toEqual({ ...forKnown.body, instance: undefined });

    const resendUnknown = await anonymous.post('/v1/accounts/resend-code', { email: unknown });
    const resendKnown = await anonymous.post('/v1/accounts/resend-code', { email: known });
    expect(resendUnknown.status).toBe(202);
    expect(resendKnown.status).toBe(202);
    expect(resendUnknown.body.message).toBe(resendKnown.body.message);
    expect(cognito.sentCodes.some((c) => c.email === unknown)).toBe(false);
  });

  it('keeps a refused password at 422 on `password`, leaving nothing behind', async () => {
    const email = `weak-verify-${process.pid}@example.com`;
    const weak = await anonymous.post('/v1/accounts', { accountName: 'Weak', email, password: 'weakpasswd' });
    expect(weak.status).toBe(422);
    expect(weak.body.issues.map((i: { path: string }) => i.path)).toEqual(['password']);
    expect(cognito.users.has(email)).toBe(false);
    expect(await rt.deps.store.users.findByEmail(email)).toBeUndefined();
  });

  it('has an operator-created account usable at once (the operator vouches for the email)', async () => {
    const email = `operator-made-${process.pid}@example.com`;
    const res = await apiClient(rt.apiUrl, rt.operatorToken).post('/v1/accounts', {
      accountName: 'Operator Co',
      email,
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('active');
    expect(res.body.verify).toBeUndefined();
    expect(cognito.users.get(email)).toMatchObject({ status: 'CONFIRMED' });
    expect((await anonymous.post('/v1/auth/token', { email, password: PASSWORD })).status).toBe(200);
  });
});
