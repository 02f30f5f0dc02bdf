// `drover signup` with the real CLI process against the local runtime: a new account through
// POST /api/v1/accounts, signed in at once (token, API and environment `default` in the config
// file); a mistake names its field before anything is sent (exit 1 with the path); a taken email
// is the API's 409; without a terminal and without --password-stdin it is a usage error (exit 2).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { startTestRuntime } from '../support/local-runtime';
import { cliHome } from './cli-process';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({
    seed: false,
    throttles: { signUpPerAddress: { max: 100, windowMs: 60_000 } },
  });
});
afterAll(() => rt?.stop());

const PASSWORD = 'Cli-sign-up-42!';
const email = (what: string) => `${what}-${process.pid}-${Date.now()}@example.com`;

describe('drover signup', () => {
  it('creates the account and signs in to it, keeping the token and environment default', async () => {
    const home = cliHome();
    const address = email('cli');
    const res = await home.run(
      [
        'signup',
        '--api',
        rt.apiUrl,
        '--account-name',
        'Cli Co',
        '--email',
        address,
        '--password-stdin',
        '-o',
        'json',
      ],
      { input: `${PASSWORD}\n` },
    );
    expect(res.stderr).toContain('created; you are its owner');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.account.name).toBe('Cli Co');
    expect(out.owner).toMatchObject({ email: address, accountRole: 'owner' });
    const config = JSON.parse(readFileSync(home.configPath, 'utf8'));
    expect(config).toMatchObject({ api: rt.apiUrl, email: address, environment: { name: 'default' } });
    const whoami = await home.run(['get', 'farms', '-o', 'json']);
    expect(whoami.code).toBe(0);
    expect(JSON.parse(whoami.stdout)).toEqual([]);

    const again = await cliHome().run(
      ['signup', '--api', rt.apiUrl, '--account-name', 'Copy', '--email', address, '--password-stdin'],
      { input: `${PASSWORD}\n` },
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already signs in with this email/);
  });

  it('names the field of a bad sign-up before calling the API', async () => {
    const res = await cliHome().run(
      [
        'signup',
        '--api',
        rt.apiUrl,
        '--account-name',
        'Short',
        '--email',
        email('short'),
        '--password-stdin',
      ],
      { input: 'short\n' },
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('password');
  });

  it('is a usage error without a terminal and without --password-stdin', async () => {
    const res = await cliHome().run([
      'signup',
      '--api',
      rt.apiUrl,
      '--account-name',
      'A',
      '--email',
      email('tty'),
    ]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--password-stdin');
  });
});
