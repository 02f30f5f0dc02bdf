// `drover login`/`logout` and where settings come from, with the real CLI process against the
// local runtime: the token lands in an owner-only config file; flags beat env vars, which
// beat the file; auth failures exit 4, usage mistakes 2.
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL, DEMO_PASSWORD, type LocalRuntime } from '../../local/runtime';
import { startTestRuntime } from '../support/local-runtime';
import { cliHome } from './cli-process';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.stop());

const login = (home = cliHome(), password = DEMO_PASSWORD) =>
  home.run(['login', '--api', rt.apiUrl, '--email', DEMO_EMAIL, '--password-stdin'], {
    input: `${password}\n`,
  });

describe('drover login', () => {
  it('signs in with the password on stdin and keeps token, API and environment in a 0600 file', async () => {
    const home = cliHome();
    const res = await login(home);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`Logged in to ${rt.apiUrl} as ${DEMO_EMAIL}`);
    expect(res.stderr).toContain('Environment: demo.');
    expect(statSync(home.configPath).mode & 0o777).toBe(0o600);
    const config = JSON.parse(readFileSync(home.configPath, 'utf8'));
    expect(config).toMatchObject({
      api: rt.apiUrl,
      email: DEMO_EMAIL,
      environment: { id: rt.demo.environmentId, name: 'demo' },
    });
    expect(config.token).toMatch(/^ey/);

    const farms = await home.run(['get', 'farms', '-o', 'json']);
    expect(farms.code).toBe(0);
    expect(JSON.parse(farms.stdout).map((f: { id: string }) => f.id)).toContain(rt.demo.farmId);
  });

  it('answers a wrong password with exit 4 and writes no token', async () => {
    const home = cliHome();
    const res = await login(home, 'not-the-password');
    expect(res.code).toBe(4);
    expect(res.stderr).toContain('Wrong email or password');
    expect(() => readFileSync(home.configPath)).toThrow();
  });

  it('refuses to wait for a password when there is no terminal and no --password-stdin (exit 2)', async () => {
    const res = await cliHome().run(['login', '--api', rt.apiUrl, '--email', DEMO_EMAIL]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--password-stdin');
  });

  it('forgets the token on logout, after which commands exit 4 with what to do', async () => {
    const home = cliHome();
    await login(home);
    const out = await home.run(['logout']);
    expect(out.code).toBe(0);
    expect(JSON.parse(readFileSync(home.configPath, 'utf8')).token).toBeUndefined();
    const res = await home.run(['get', 'farms']);
    expect(res.code).toBe(4);
    expect(res.stderr).toContain('Not logged in');
    expect(res.stderr).toContain('drover login');
  });
});

describe('settings precedence: flags > environment variables > config file', () => {
  it('uses DROVER_API and DROVER_TOKEN without any config file', async () => {
    const res = await cliHome().run(['get', 'environments', '-o', 'json'], {
      env: { DROVER_API: rt.apiUrl, DROVER_TOKEN: rt.demo.token },
    });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)[0]).toMatchObject({ id: rt.demo.environmentId });
  });

  it('lets DROVER_TOKEN override the stored token (a bad one exits 4)', async () => {
    const home = cliHome();
    await login(home);
    const res = await home.run(['get', 'farms'], { env: { DROVER_TOKEN: 'not-a-token' } });
    expect(res.code).toBe(4);
    expect(res.stderr).toContain('The API refused the token');
  });

  it('lets --token override DROVER_TOKEN', async () => {
    const res = await cliHome().run(['get', 'farms', '--token', rt.demo.token, '-o', 'json'], {
      env: { DROVER_API: rt.apiUrl, DROVER_TOKEN: 'not-a-token' },
    });
    expect(res.code).toBe(0);
  });

  it('lets --api override DROVER_API, and says when the API cannot be reached (exit 1)', async () => {
    const env = { DROVER_API: rt.apiUrl, DROVER_TOKEN: rt.demo.token };
    const res = await cliHome().run(['get', 'farms', '--api', 'http://127.0.0.1:9/api'], { env });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Cannot reach the Drover API at http://127.0.0.1:9/api');
  });

  it('picks the environment with `env use`, and --env overrides it', async () => {
    const home = cliHome();
    await login(home);
    const used = await home.run(['env', 'use', 'demo']);
    expect(used.code).toBe(0);
    expect(used.stderr).toContain(`Using environment demo (${rt.demo.environmentId})`);
    const list = await home.run(['env', 'list']);
    expect(list.stdout).toMatch(/^CURRENT\s+NAME\s+ID/);
    expect(list.stdout).toMatch(/\*\s+demo\s+env-/);
    const missing = await home.run(['get', 'farms', '--env', 'nowhere']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Environment "nowhere" not found (from --env)');
    const unknown = await home.run(['env', 'use', 'nowhere']);
    expect(unknown.code).toBe(1);
  });
});
