// `drover login` for an invited user (a temporary password), with the real CLI process against
// the API's access group as deployed in AWS: its sign-in routes behind the Cognito adapter, whose
// real SDK client talks to the Cognito JSON API stand-in. Only the auth routes are served here,
// so each home is given its API and environment beforehand (login then lists nothing).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCognitoSignIn } from '../../functions/adapters/identity/cognito-sign-in';
import { createCognitoUserDirectory } from '../../functions/adapters/identity/cognito-user-directory';
import { routesOfGroup } from '../../functions/contract/routes';
import { newId } from '../../functions/domain/ids';
import { createHandler as createAccessHandler } from '../../functions/handlers/api/access';
import { compileRoutes, matchRoute, toApiEvent, writeApiResponse } from '../../local/http-api-adapter';
import type { LocalRuntime } from '../../local/runtime';
import { type CognitoStandIn, startCognitoStandIn } from '../support/cognito-idp-stand-in';
import { startTestRuntime } from '../support/local-runtime';
import { type CliHome, cliHome } from './cli-process';

const TEMPORARY = 'Temporary-pass-1';
const CHOSEN = 'My-own-password-7';

let rt: LocalRuntime;
let cognito: CognitoStandIn;
let server: Server;
let apiUrl: string;
let client: CognitoIdentityProviderClient;

beforeAll(async () => {
  [rt, cognito] = await Promise.all([startTestRuntime(), startCognitoStandIn()]);
  client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const access = createAccessHandler({
    ...rt.deps,
    signIn: createCognitoSignIn({ clientId: cognito.clientId, client }),
  });
  const compiled = compileRoutes(routesOfGroup('access'));
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = matchRoute(compiled, req.method ?? 'GET', url.pathname);
    if (match.kind !== 'match') {
      res.writeHead(404).end();
      return;
    }
    writeApiResponse(res, await access(toApiEvent(req, url, Buffer.concat(chunks), match), {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await cognito?.stop();
  await rt?.stop();
});

async function invitedUser(): Promise<string> {
  const email = `${newId('user').slice(-10)}@example.com`;
  await createCognitoUserDirectory({ userPoolId: cognito.userPoolId, client }).createUser({
    accountId: newId('account'),
    userId: newId('user'),
    email,
    name: 'Invited',
  });
  // What Cognito's invitation email would hold.
  cognito.users.get(email)!.password = TEMPORARY;
  return email;
}

function homeWithApi(): CliHome {
  const home = cliHome();
  mkdirSync(dirname(home.configPath), { recursive: true });
  writeFileSync(home.configPath, JSON.stringify({ api: apiUrl, environment: { id: 'env-x', name: 'prod' } }));
  return home;
}

describe('drover login with a temporary password', () => {
  it('sets the new password read from stdin after the temporary one, and keeps the token', async () => {
    const email = await invitedUser();
    const home = homeWithApi();
    const res = await home.run(
      ['login', '--api', apiUrl, '--email', email, '--password-stdin', '--new-password-stdin'],
      { input: `${TEMPORARY}\n${CHOSEN}\n` },
    );
    expect(res.stderr).toContain('Your new password is set.');
    expect(res.code).toBe(0);
    const config = JSON.parse(readFileSync(home.configPath, 'utf8'));
    expect(config.token).toMatch(/^id\./);
    expect(cognito.users.get(email)).toMatchObject({ status: 'CONFIRMED', password: CHOSEN });
    expect(res.stderr).not.toContain(CHOSEN);
    expect(res.stderr).not.toContain(TEMPORARY);
  });

  it('without a terminal or --new-password-stdin, says what to do and exits 4 without a token', async () => {
    const email = await invitedUser();
    const home = homeWithApi();
    const res = await home.run(['login', '--api', apiUrl, '--email', email, '--password-stdin'], {
      input: `${TEMPORARY}\n`,
    });
    expect(res.code).toBe(4);
    expect(res.stderr).toContain('temporary password');
    expect(res.stderr).toContain('--new-password-stdin');
    expect(JSON.parse(readFileSync(home.configPath, 'utf8')).token).toBeUndefined();
    expect(cognito.users.get(email)!.status).toBe('FORCE_CHANGE_PASSWORD');
  });

  it('answers a new password the policy refuses with the reason, and sets nothing', async () => {
    const email = await invitedUser();
    const res = await homeWithApi().run(
      ['login', '--api', apiUrl, '--email', email, '--password-stdin', '--new-password-stdin'],
      { input: `${TEMPORARY}\nshort\n` },
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('password policy');
    expect(cognito.users.get(email)!.status).toBe('FORCE_CHANGE_PASSWORD');
  });
});
