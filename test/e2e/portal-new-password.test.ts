// An invited user's first sign-in in the portal, the AWS way: the runtime's sign-in is the Cognito
// adapter (real SDK client) against the Cognito JSON API stand-in, whose ID tokens are minted by
// the local issuer for the demo owner's ids, so the rest of the portal works with them.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCognitoSignIn } from '../../functions/adapters/identity/cognito-sign-in';
import { createCognitoUserDirectory } from '../../functions/adapters/identity/cognito-user-directory';
import type { LocalRuntime } from '../../local/runtime';
import { type CognitoStandIn, startCognitoStandIn } from '../support/cognito-idp-stand-in';
import type { Chromium } from './support/chromium';
import { type PortalSession, startPortalSession, submitSignIn } from './support/portal-session';

const EMAIL = 'invited@example.com';
const TEMPORARY = 'Temporary-pass-1';

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
    signIn: () => createCognitoSignIn({ clientId: cognito.clientId, client }),
  });
  ({ runtime, chromium } = session);
  // The Cognito user of the demo owner, as an invitation leaves it: a temporary password to replace.
  await createCognitoUserDirectory({ userPoolId: cognito.userPoolId, client }).createUser({
    accountId: runtime.demo.accountId,
    userId: runtime.demo.userId,
    email: EMAIL,
    name: 'Invited',
  });
  cognito.users.get(EMAIL)!.password = TEMPORARY;
});

afterAll(async () => {
  await session?.close();
  await cognito?.stop();
});

describe('the portal sign-in with a temporary password', () => {
  it('asks for a new password, checks it, and signs in with it', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${runtime.url}/sign-in/`);
    await submitSignIn(page, { email: EMAIL, password: TEMPORARY });
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await page.getByText(/At least 12 characters/).waitFor();

    await page.getByLabel('New password', { exact: true }).fill('Long-enough-pass-9');
    await page.getByLabel('Repeat the new password').fill('Something-else-9');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByText('does not match the new password').waitFor();

    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the new password').fill('short');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByText(/does not meet the password policy/).waitFor();
    expect(cognito.users.get(EMAIL)!.status).toBe('FORCE_CHANGE_PASSWORD');

    await page.getByLabel('New password', { exact: true }).fill('Long-enough-pass-9');
    await page.getByLabel('Repeat the new password').fill('Long-enough-pass-9');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByRole('row', { name: /demo-web/ }).waitFor();
    expect(cognito.users.get(EMAIL)).toMatchObject({ status: 'CONFIRMED', password: 'Long-enough-pass-9' });
    await page.close();
  });
});
