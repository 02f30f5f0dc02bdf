// `drover signup` where the deployment verifies emails (the runtime's sign-up, directory and
// sign-in are the Cognito adapters against the Cognito stand-in): with the emailed code on the
// line after the password it verifies and signs in at once; without it, it says how to finish,
// and `drover signup verify` then `drover login` do. A wrong code is the API's 400 on `code`.
import { readFileSync } from 'node:fs';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCognitoEmailVerification } from '../../functions/adapters/identity/cognito-email-verification';
import { createCognitoSignIn } from '../../functions/adapters/identity/cognito-sign-in';
import { createCognitoUserDirectory } from '../../functions/adapters/identity/cognito-user-directory';
import type { LocalRuntime } from '../../local/runtime';
import { type CognitoStandIn, startCognitoStandIn } from '../support/cognito-idp-stand-in';
import { startTestRuntime } from '../support/local-runtime';
import { cliHome } from './cli-process';

let rt: LocalRuntime;
let cognito: CognitoStandIn;

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
});
afterAll(async () => {
  await rt?.stop();
  await cognito?.stop();
});

const PASSWORD = 'Cli-verify-42!ok';
const email = (what: string) => `${what}-${process.pid}-${Date.now()}@example.com`;
const codeFor = (address: string) => cognito.sentCodes.filter((c) => c.email === address).at(-1)!.code;

describe('drover signup with email verification', () => {
  it('prints how to finish without a code; signup verify and login then sign in', async () => {
    const home = cliHome();
    const address = email('cli-verify');
    const args = ['--api', rt.apiUrl, '--account-name', 'Verify Cli', '--email', address, '--password-stdin'];
    const res = await home.run(['signup', ...args], { input: `${PASSWORD}\n` });
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('drover signup verify');
    expect(cognito.users.get(address)?.status).toBe('UNCONFIRMED');

    const wrong = await home.run([
      'signup',
      'verify',
      '--api',
      rt.apiUrl,
      '--email',
      address,
      '--code',
      '99999999',
    ]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('code');

    const verified = await home.run([
      'signup',
      'verify',
      '--api',
      rt.apiUrl,
      '--email',
      address,
      '--code',
      codeFor(address),
    ]);
    expect(verified.stderr).toContain('Email verified');
    expect(verified.code).toBe(0);
    const login = await home.run(['login', '--api', rt.apiUrl, '--email', address, '--password-stdin'], {
      input: `${PASSWORD}\n`,
    });
    expect(login.code).toBe(0);
    expect((await home.run(['get', 'farms', '-o', 'json'])).code).toBe(0);
  });

  it('verifies and signs in at once with the code after the password on stdin', async () => {
    const home = cliHome();
    const address = email('cli-code');
    cognito.queueCode('424242');
    const res = await home.run(
      [
        'signup',
        '--api',
        rt.apiUrl,
        '--account-name',
        'Code Cli',
        '--email',
        address,
        '--password-stdin',
        '-o',
        'json',
      ],
      { input: `${PASSWORD}\n424242\n` },
    );
    expect(res.stderr).toContain('Email verified');
    expect(res.code).toBe(0);
    expect(cognito.users.get(address)?.status).toBe('CONFIRMED');
    const config = JSON.parse(readFileSync(home.configPath, 'utf8'));
    expect(config).toMatchObject({ api: rt.apiUrl, email: address, environment: { name: 'default' } });
    expect((await home.run(['get', 'farms', '-o', 'json'])).code).toBe(0);
  });

  it('asks for a new code: resend-code answers the same for anyone', async () => {
    const resent = await cliHome().run([
      'signup',
      'resend-code',
      '--api',
      rt.apiUrl,
      '--email',
      email('nobody'),
    ]);
    expect(resent.code).toBe(0);
    expect(resent.stderr).toContain('a new code is on its way');
  });
});
