// The portal's Sign up where the deployment verifies emails, the AWS way: the runtime's sign-up,
// directory and sign-in are the Cognito adapters (real SDK client) against the Cognito stand-in,
// whose ID tokens the local issuer mints. After the form comes "Enter the code we emailed you":
// a wrong code shows under the field, "Send a new code" emails another, and the right one signs
// the new owner in. An owner who left before the code step gets it from the sign-in page.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCognitoEmailVerification } from '../../functions/adapters/identity/cognito-email-verification';
import { createCognitoSignIn } from '../../functions/adapters/identity/cognito-sign-in';
import { createCognitoUserDirectory } from '../../functions/adapters/identity/cognito-user-directory';
import type { LocalRuntime } from '../../local/runtime';
import { type CognitoStandIn, startCognitoStandIn } from '../support/cognito-idp-stand-in';
import type { Chromium } from './support/chromium';
import { type PortalSession, startPortalSession, submitSignIn } from './support/portal-session';

let session: PortalSession;
let runtime: LocalRuntime;
let chromium: Chromium;
let cognito: CognitoStandIn;

beforeAll(async () => {
  cognito = await startCognitoStandIn(undefined, undefined, {
    idToken: (attributes) =>
      runtime.mintToken(attributes['custom:user_id']!, attributes['custom:account_id']!),
  });
  const client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  session = await startPortalSession({
    userDirectory: () => createCognitoUserDirectory({ userPoolId: cognito.userPoolId, client }),
    signIn: () => createCognitoSignIn({ clientId: cognito.clientId, client }),
    emailVerification: () =>
      createCognitoEmailVerification({
        userPoolId: cognito.userPoolId,
        clientId: cognito.signUpClientId,
        client,
      }),
  });
  ({ runtime, chromium } = session);
}, 600_000);

afterAll(async () => {
  await session?.close();
  await cognito?.stop();
});

const EMAIL = 'verify-portal@example.com';
const PASSWORD = 'Portal-verify-42!';
const latestCode = () => cognito.sentCodes.filter((c) => c.email === EMAIL).at(-1)!.code;

describe('the Sign up page with email verification', () => {
  it('asks for the emailed code, resends one, and signs the verified owner in', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${runtime.url}/sign-up/`);
    await page.getByLabel('Account name').fill('Verify Portal Co');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Repeat the password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();

    await page.getByRole('heading', { name: 'Enter the code we emailed you' }).waitFor();
    expect(cognito.users.get(EMAIL)!.status).toBe('UNCONFIRMED');
    const first = latestCode();
    await page.getByLabel('Code', { exact: true }).fill(first === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page
      .locator('#verify-code-error')
      .getByText(/code is wrong/)
      .waitFor();

    await page.getByRole('button', { name: 'Send a new code' }).click();
    await page.getByRole('status').getByText(`We sent a new code to ${EMAIL}.`).waitFor();
    expect(cognito.sentCodes.filter((c) => c.email === EMAIL)).toHaveLength(2);

    await page.getByLabel('Code', { exact: true }).fill(latestCode());
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.waitForURL(`${runtime.url}/`);
    expect(cognito.users.get(EMAIL)!.status).toBe('CONFIRMED');
    await page.close();
  });

  it('offers the code step at sign-in to an owner who left before it', async () => {
    const email = 'later-portal@example.com';
    const signUp = await fetch(`${runtime.apiUrl}/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountName: 'Later Co', email, password: PASSWORD }),
    });
    expect(signUp.status).toBe(201);
    const page = await chromium.context.newPage();
    // Signed out: the first test left its owner's session in this browser's storage.
    await page.goto(`${runtime.url}/sign-in/`);
    await page.evaluate(() => window.localStorage.clear());
    await page.goto(`${runtime.url}/sign-in/`);
    await submitSignIn(page, { email, password: PASSWORD });
    await page.getByRole('heading', { name: 'Enter the code we emailed you' }).waitFor();
    const code = cognito.sentCodes.filter((c) => c.email === email).at(-1)!.code;
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.waitForURL(`${runtime.url}/`);
    expect(cognito.users.get(email)!.status).toBe('CONFIRMED');
    await page.close();
  });
});
