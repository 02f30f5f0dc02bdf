// The read commands with the real CLI process: `get` as a table for people and as JSON/YAML for
// programs (every page), `describe farm`, and the exit codes of the usual mistakes. No
// terminal here, so no colour codes may appear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cliApiClient, listAll } from '../../cli/api';
import type { LocalRuntime } from '../../local/runtime';
import { type ApiClient, apiClient } from '../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm } from '../support/fixtures';
import { startTestRuntime } from '../support/local-runtime';
import { type CliHome, cliHome } from './cli-process';

let rt: LocalRuntime;
let api: ApiClient;
let home: CliHome;
let env: Record<string, string>;
let credId: string;
const ESC = '\x1b[';

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  env = { DROVER_API: rt.apiUrl, DROVER_TOKEN: rt.demo.token };
  home = cliHome();
  const envId = rt.demo.environmentId;
  credId = (await api.post(`/v1/environments/${envId}/credentials`, awsAccessKeyCredentials())).body.id;
  const web = awsFarmRole(rt.demo.roleId, credId, { minInstances: 2, maxInstances: 4 });
  expect((await api.post(`/v1/environments/${envId}/farms`, farm('shop', [web]))).status).toBe(201);
  for (let i = 0; i < 3; i++) await api.post(`/v1/environments/${envId}/farms`, farm(`extra-${i}`));
});
afterAll(() => rt?.stop());

const drover = (...args: string[]) => home.run(args, { env });

describe('drover get farms', () => {
  it('prints an aligned table with a header, without colour when stdout is not a terminal', async () => {
    const res = await drover('get', 'farms');
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+INSTANCES\s+VERSION\s+ID$/);
    expect(lines).toHaveLength(1 + 5);
    const shop = lines.find((l) => l.startsWith('shop '))!;
    expect(shop).toMatch(/^shop\s+Never launched\s+web\s+2\.\.4\s+1\s+farm-/);
    // Aligned: every row's STATUS column starts where the header's does.
    const at = lines[0]!.indexOf('STATUS');
    for (const line of lines.slice(1)) expect(line.slice(at, at + 1)).not.toBe(' ');
    expect(res.stdout).not.toContain(ESC);
    expect(res.stderr).toBe('');
  });

  it('prints every farm as JSON with -o json', async () => {
    const res = await drover('get', 'farms', '-o', 'json');
    expect(res.code).toBe(0);
    const farms = JSON.parse(res.stdout);
    expect(farms.map((f: { name: string }) => f.name).sort()).toEqual(
      ['demo-web', 'extra-0', 'extra-1', 'extra-2', 'shop'].sort(),
    );
    expect(farms.find((f: { name: string }) => f.name === 'shop').farmRoles[0]).toMatchObject({
      alias: 'web',
      credentialsId: credId,
    });
  });

  it('prints the same items as YAML with -o yaml', async () => {
    const [json, yaml] = await Promise.all([
      drover('get', 'farms', '-o', 'json'),
      drover('-o', 'yaml', 'get', 'farms'),
    ]);
    expect(yaml.code).toBe(0);
    expect(parseYaml(yaml.stdout)).toEqual(JSON.parse(json.stdout));
  });

  it('keeps NO_COLOR output free of escape codes too', async () => {
    const res = await home.run(['get', 'farms'], { env: { ...env, NO_COLOR: '1' } });
    expect(res.stdout).not.toContain(ESC);
  });
});

describe('listAll (behind every get)', () => {
  it('follows nextCursor to the last page, each item once', async () => {
    const api = cliApiClient(rt.apiUrl, rt.demo.token);
    const all = await listAll(api.listFarms, { params: { environmentId: rt.demo.environmentId } }, 2);
    expect(all).toHaveLength(5);
    expect(new Set(all.map((f) => f.id)).size).toBe(5);
  });
});

describe('drover get roles | credentials | environments', () => {
  it('lists the roles usable in the environment', async () => {
    const res = await drover('get', 'roles');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^NAME\s+OS\s+SCOPE\s+IMAGES\s+ID\n/);
    expect(res.stdout).toMatch(
      /base-debian\s+Debian 12\s+account\s+aws:us-east-1,aws:eu-west-1,gce:\*,cloudstack:\*,openstack:\*\s+role-/,
    );
  });

  it('lists cloud credentials without any secret', async () => {
    const res = await drover('get', 'credentials', '-o', 'json');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: credId, name: 'aws-keys' })]),
    );
    expect(res.stdout).not.toContain('super-secret');
    const table = await drover('get', 'creds');
    expect(table.stdout).toMatch(/aws-keys\s+aws\s+accessKey\s+-\s+cred-/);
  });

  it('lists environments', async () => {
    const res = await drover('get', 'environments', '-o', 'json');
    expect(JSON.parse(res.stdout)).toEqual([
      expect.objectContaining({ id: rt.demo.environmentId, name: 'demo' }),
    ]);
  });
});

describe('drover describe farm', () => {
  it('shows the spec and the live status of a farm named by name', async () => {
    const res = await drover('describe', 'farm', 'shop');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Name:\s+shop$/m);
    // shop was never launched: the table says so, as the portal does (-o json keeps Terminated).
    expect(res.stdout).toMatch(/^Status:\s+Never launched, stopped$/m);
    expect(res.stdout).toMatch(/^Environment:\s+demo \(env-/m);
    expect(res.stdout).toMatch(/ALIAS\s+PLATFORM\s+ROLE\s+CREDENTIALS\s+REGION/);
    expect(res.stdout).toMatch(
      /web\s+aws\s+base-debian\s+aws-keys\s+us-east-1\s+us-east-1a\s+t3\.small\s+2\s+4\s+0/,
    );
  });

  it('gives { farm, status } with -o json, and accepts an id', async () => {
    const res = await drover('describe', 'farm', rt.demo.farmId, '-o', 'json');
    expect(res.code).toBe(0);
    const { farm: f, status } = JSON.parse(res.stdout);
    expect(f).toMatchObject({ id: rt.demo.farmId, name: 'demo-web' });
    expect(status).toMatchObject({ farmId: rt.demo.farmId, status: 'Terminated', convergence: 'stopped' });
  });
});

describe('exit codes', () => {
  it('exits 1 with "not found" for a farm that does not exist, by name or by id', async () => {
    const byName = await drover('describe', 'farm', 'no-such-farm');
    expect(byName.code).toBe(1);
    expect(byName.stderr).toContain('Farm "no-such-farm" not found in environment demo');
    const byId = await drover('describe', 'farm', 'farm-00000000000000000000000000');
    expect(byId.code).toBe(1);
    expect(byId.stderr).toMatch(/not found/i);
  });

  it('prints the problem as JSON on stdout with -o json', async () => {
    const res = await drover('describe', 'farm', 'farm-00000000000000000000000000', '-o', 'json');
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ status: 404, code: 'NotFound' });
  });

  it('exits 2 for an unknown flag, an unknown kind or a missing argument', async () => {
    for (const args of [
      ['get', 'farms', '--bogus'],
      ['get', 'things'],
      ['describe', 'farm'],
      ['-o', 'xml', 'get', 'farms'],
    ]) {
      const res = await drover(...args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr, args.join(' ')).toMatch(/^error: /);
      expect(res.stdout).toBe('');
    }
  });

  it('exits 4 when the token is refused', async () => {
    const res = await home.run(['get', 'farms'], { env: { ...env, DROVER_TOKEN: 'bad' } });
    expect(res.code).toBe(4);
  });

  it('exits 0 for --help and --version, printing on stdout', async () => {
    const help = await drover('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: drover');
    const version = await drover('--version');
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
