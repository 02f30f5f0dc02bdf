// Sign-up in AWS without email verification (no sign-up app client: operator-only deployments, where
// the operator vouches for the address): the runtime's user directory and sign-in are the Cognito
// adapters (real SDK client) against the Cognito JSON API stand-in, whose ID tokens the local issuer
// mints. The owner's sign-in is made in the pool with Drover's ids and the chosen password set
// permanent; a password the pool's policy refuses is 422 on `password` and leaves no account behind.
// Open sign-up with the emailed code: sign-up-verification.test.ts.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  });
  anonymous = apiClient(rt.apiUrl);
});
afterAll(async () => {
  await rt?.stop();
  await cognito?.stop();
});

describe('sign-up with the Cognito user directory', () => {
  it("creates the owner's Cognito user with Drover's ids and a permanent password; they sign in", async () => {
    const email = `cognito-${process.pid}@example.com`;
    const res = await anonymous.post('/v1/accounts', {
      accountName: 'Pool Co',
      email,
      password: 'Pool-password-42!',
    });
    expect(res.status).toBe(201);
    const user = cognito.users.get(email)!;
    expect(user).toMatchObject({ status: 'CONFIRMED', password: 'Pool-password-42!', enabled: true });
    expect(user.attributes).toMatchObject({
      'custom:account_id': res.body.account.id,
      'custom:user_id': res.body.owner.id,
    });
    const token = await anonymous.post('/v1/auth/token', { email, password: 'Pool-password-42!' });
    expect(token.status).toBe(200);
    const account = await apiClient(rt.apiUrl, token.body.accessToken).get('/v1/account');
    expect(account.body.id).toBe(res.body.account.id);
  });

  it('answers 422 on password when the pool refuses it, and leaves nothing behind', async () => {
    const email = `weak-${process.pid}@example.com`;
    // 10 characters pass the schema; the pool wants 12 of four kinds.
    const weak = await anonymous.post('/v1/accounts', { accountName: 'Weak', email, password: 'weakpasswd' });
    expect(weak.status).toBe(422);
    expect(weak.body.issues.map((i: { path: string }) => i.path)).toEqual(['password']);
    expect(cognito.users.has(email)).toBe(false);
    expect(await rt.deps.store.users.findByEmail(email)).toBeUndefined();
    const again = await anonymous.post('/v1/accounts', {
      accountName: 'Strong',
      email,
      password: 'Strong-pass-42!',
    });
    expect(again.status).toBe(201);
  });
});
