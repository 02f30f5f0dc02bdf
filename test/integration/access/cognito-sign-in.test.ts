// Sign-in through the API's Cognito adapter with the real SDK client against the Cognito JSON
// API stand-in (test/support/cognito-idp-stand-in.ts): users are made by the Cognito user
// directory as the users API makes them, then sign in with USER_PASSWORD_AUTH and the app client.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCognitoSignIn } from '../../../functions/adapters/identity/cognito-sign-in';
import { createCognitoUserDirectory } from '../../../functions/adapters/identity/cognito-user-directory';
import { NewPasswordRequired } from '../../../functions/domain/access/sign-in';
import { TooManyRequests, Unauthorized, Unprocessable } from '../../../functions/domain/errors';
import { newId } from '../../../functions/domain/ids';
import type { SignIn } from '../../../functions/ports/sign-in';
import type { UserDirectory } from '../../../functions/ports/user-directory';
import { type CognitoStandIn, startCognitoStandIn } from '../../support/cognito-idp-stand-in';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const PASSWORD = 'Correct-horse-42';

let cognito: CognitoStandIn;
let directory: UserDirectory;
let signIn: SignIn;

beforeAll(async () => {
  cognito = await startCognitoStandIn();
  const client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  directory = createCognitoUserDirectory({ userPoolId: cognito.userPoolId, client });
  signIn = createCognitoSignIn({ clientId: cognito.clientId, client, now: () => NOW });
});
afterAll(() => cognito.stop());

async function newUser(initialPassword?: string) {
  const email = `${newId('user').slice(-10)}@example.com`;
  await directory.createUser({
    accountId: newId('account'),
    userId: newId('user'),
    email,
    name: 'Signs In',
    ...(initialPassword ? { initialPassword } : {}),
  });
  return email;
}

/** What a temporary password emailed to an invited user is, in the stand-in. */
function inviteWithTemporaryPassword(email: string, temporary: string) {
  cognito.users.get(email)!.password = temporary;
}

describe('Cognito sign-in', () => {
  it('answers the ID token and its expiry for a right password, naming the app client', async () => {
    const email = await newUser(PASSWORD);
    const token = await signIn.signIn(email, PASSWORD);
    const user = cognito.users.get(email)!;
    expect(token.accessToken).toMatch(new RegExp(`^id\\.${user.attributes.sub}\\.`));
    expect(token.expiresAt).toBe(new Date(NOW + 3600_000).toISOString());
    const call = cognito.calls.findLast((c) => c.operation === 'InitiateAuth')!;
    expect(call.body).toMatchObject({
      ClientId: cognito.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email },
    });
  });

  it('refuses a wrong password and an unknown email with the same message', async () => {
    const email = await newUser(PASSWORD);
    const wrong = await signIn.signIn(email, 'Wrong-password-42').catch((e: unknown) => e);
    const unknown = await signIn.signIn('nobody@example.com', PASSWORD).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(Unauthorized);
    expect(unknown).toBeInstanceOf(Unauthorized);
    expect((wrong as Error).message).toBe('Wrong email or password');
    expect((unknown as Error).message).toBe((wrong as Error).message);
  });

  it('refuses a disabled user', async () => {
    const email = await newUser(PASSWORD);
    await directory.disableUser({ accountId: 'a', userId: 'u', email });
    await expect(signIn.signIn(email, PASSWORD)).rejects.toBeInstanceOf(Unauthorized);
  });

  it('turns throttling into 429', async () => {
    const email = await newUser(PASSWORD);
    cognito.failNext('InitiateAuth', 'TooManyRequestsException');
    const err = await signIn.signIn(email, PASSWORD).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooManyRequests);
    expect((err as TooManyRequests).status).toBe(429);
  });

  describe('an invited user (temporary password)', () => {
    it('is challenged for a new password, with a session', async () => {
      const email = await newUser();
      inviteWithTemporaryPassword(email, 'Temporary-pass-1');
      const err = await signIn.signIn(email, 'Temporary-pass-1').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NewPasswordRequired);
      expect((err as NewPasswordRequired).status).toBe(409);
      expect((err as NewPasswordRequired).session).toMatch(/.+/);
    });

    it('completes sign-in with a new password, which then signs in as usual', async () => {
      const email = await newUser();
      inviteWithTemporaryPassword(email, 'Temporary-pass-1');
      const { session } = (await signIn
        .signIn(email, 'Temporary-pass-1')
        .catch((e: unknown) => e)) as NewPasswordRequired;
      const token = await signIn.completeNewPassword(email, session, 'My-own-password-7');
      expect(token.accessToken).toMatch(/^id\./);
      const call = cognito.calls.findLast((c) => c.operation === 'RespondToAuthChallenge')!;
      expect(call.body).toMatchObject({
        ClientId: cognito.clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: session,
        ChallengeResponses: { USERNAME: email },
      });
      expect((await signIn.signIn(email, 'My-own-password-7')).accessToken).toMatch(/^id\./);
      await expect(signIn.signIn(email, 'Temporary-pass-1')).rejects.toBeInstanceOf(Unauthorized);
    });

    it('refuses a new password the policy rejects, naming the field, and keeps the session usable', async () => {
      const email = await newUser();
      inviteWithTemporaryPassword(email, 'Temporary-pass-1');
      const { session } = (await signIn
        .signIn(email, 'Temporary-pass-1')
        .catch((e: unknown) => e)) as NewPasswordRequired;
      const err = await signIn.completeNewPassword(email, session, 'short').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Unprocessable);
      expect((err as Unprocessable).issues[0]).toMatchObject({ in: 'body', path: 'newPassword' });
      await expect(signIn.completeNewPassword(email, session, 'Long-enough-pass-9')).resolves.toMatchObject({
        accessToken: expect.stringMatching(/^id\./),
      });
    });

    it('refuses an unknown or used session with 401', async () => {
      const email = await newUser();
      const err = await signIn
        .completeNewPassword(email, 'no-such-session', 'My-own-password-7')
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Unauthorized);
      expect((err as Error).message).toMatch(/session expired/);
    });
  });
});
