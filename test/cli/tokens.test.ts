// `drover tokens` and `drover whoami` with the real CLI process against the local runtime: the
// secret printed once on stdout, listed without it, working as a bearer token, revoked; and a
// 403 printing the API's reason with the auth exit code. No terminal, so no colour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { startTestRuntime } from '../support/local-runtime';
import { type CliHome, cliHome } from './cli-process';

let rt: LocalRuntime;
let home: CliHome;
let env: Record<string, string>;

beforeAll(async () => {
  rt = await startTestRuntime();
  env = { DROVER_API: rt.apiUrl, DROVER_TOKEN: rt.demo.token };
  home = cliHome();
});
afterAll(() => rt?.stop());

const drover = (...args: string[]) => home.run(args, { env });

describe('drover tokens', () => {
  let secret: string;
  let id: string;

  it('creates a token and prints only its secret on stdout, once', async () => {
    const res = await drover(
      'tokens',
      'create',
      '--name',
      'ci',
      '--expires-in-days',
      '7',
      '--permission',
      'farms:view',
    );
    expect(res.code).toBe(0);
    secret = res.stdout.trim();
    expect(secret).toMatch(/^drv_tok-[0-9a-z]{26}_[\w-]+$/);
    expect(res.stderr).toContain('Store the secret now');
    id = /\((tok-[0-9a-z]{26})\)/.exec(res.stderr)![1]!;
  });

  it('lists tokens without their secrets', async () => {
    const res = await drover('tokens', 'list');
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')[0]).toMatch(/^NAME\s+PERMISSIONS\s+EXPIRES\s+LAST USED\s+STATE\s+ID$/);
    expect(res.stdout).toContain(id);
    expect(res.stdout).toContain('farms:view');
    expect(res.stdout).not.toContain(secret);
    const json = JSON.parse((await drover('tokens', 'list', '-o', 'json')).stdout);
    expect(json.find((t: { id: string }) => t.id === id)).toMatchObject({ name: 'ci', revokedAt: null });
  });

  it('the secret works as DROVER_TOKEN, narrowed: whoami says so', async () => {
    const res = await home.run(['whoami'], { env: { DROVER_API: rt.apiUrl, DROVER_TOKEN: secret } });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('demo@drover.local');
    expect(res.stdout).toContain('account role: owner');
    expect(res.stdout).toContain(`via API token ${id} limited to farms:view`);
    expect(res.stdout).toMatch(/^demo\s+farms:view$/m);
  });

  it('a 403 prints the reason the API gave, with the auth exit code', async () => {
    const res = await home.run(['launch', 'farm', 'demo-web'], {
      env: { DROVER_API: rt.apiUrl, DROVER_TOKEN: secret },
    });
    expect(res.code).toBe(4);
    expect(res.stderr).toMatch(/the API token does not include farms:launch/);
  });

  it('revokes the token: it stops working at once', async () => {
    const res = await drover('tokens', 'revoke', id);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`Token ${id} revoked`);
    const after = await home.run(['whoami'], { env: { DROVER_API: rt.apiUrl, DROVER_TOKEN: secret } });
    expect(after.code).toBe(4);
    expect(after.stderr).toContain('revoked');
  });
});

describe('drover whoami', () => {
  it('shows a developer their environment and its scoped permissions, and -o json the whole view', async () => {
    const dev = rt.demo.users!.find((u) => u.role === 'developer-web')!;
    const token = await rt.mintToken(dev.userId, rt.demo.accountId);
    const res = await home.run(['whoami'], { env: { DROVER_API: rt.apiUrl, DROVER_TOKEN: token } });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('account role: user');
    expect(res.stdout).toMatch(/farms:launch\(team\)/);
    const json = JSON.parse(
      (await home.run(['whoami', '-o', 'json'], { env: { DROVER_API: rt.apiUrl, DROVER_TOKEN: token } }))
        .stdout,
    );
    expect(json.environments[0].permissions['farms:launch']).toBe('team');
  });
});
