// `drover audit` with the real CLI process against the local runtime: a table of who did what,
// from where, with a change summary; filters by resource, action and time; the CLI's own writes
// recorded as from the CLI; JSON for programs; a bad --since is a usage error. No terminal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { type ApiClient, apiClient } from '../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../support/fixtures';
import { startTestRuntime } from '../support/local-runtime';
import { type CliHome, cliHome } from './cli-process';

let rt: LocalRuntime;
let home: CliHome;
let env: Record<string, string>;
let api: ApiClient;
let farmId: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  env = { DROVER_API: rt.apiUrl, DROVER_TOKEN: rt.demo.token };
  home = cliHome();
  api = apiClient(rt.apiUrl, rt.demo.token);
  const envId = rt.demo.environmentId;
  const roleId = (await api.post('/v1/roles', role(envId))).body.id;
  const credId = (await api.post(`/v1/environments/${envId}/credentials`, awsAccessKeyCredentials())).body.id;
  const created = await api.post(
    `/v1/environments/${envId}/farms`,
    farm('audited', [awsFarmRole(roleId, credId)]),
  );
  farmId = created.body.id;
  await api.put(
    `/v1/farms/${farmId}`,
    farm('audited', [{ ...awsFarmRole(roleId, credId), maxInstances: 4 }]),
    { 'if-match': '"1"', 'x-drover-client': 'portal' },
  );
});
afterAll(() => rt?.stop());

const drover = (...args: string[]) => home.run(args, { env });

describe('drover audit', () => {
  it('shows a farm’s history newest first: when, who, from where, action, resource and changes', async () => {
    const res = await drover('audit', '--resource', 'farm/audited');
    expect(res.code).toBe(0);
    const [header, update, create] = res.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^WHEN\s+WHO\s+FROM\s+ACTION\s+RESOURCE\s+CHANGES$/);
    expect(update).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+${rt.demo.userId}\\s+portal \\S+\\s+updateFarm\\s+farm/audited\\s+farmRoles\\[web\\]\\.maxInstances$`,
      ),
    );
    expect(create).toMatch(/createFarm\s+farm\/audited\s+name, description, leaseExpiresAt \+\d+ more$/);
  });

  it('records its own writes as from the CLI', async () => {
    const scratch = await api.post(`/v1/environments/${rt.demo.environmentId}/farms`, farm('scratch'));
    expect((await drover('delete', 'farm', 'scratch')).code).toBe(0);
    const res = await drover('audit', '--resource', scratch.body.id, '--action', 'deleteFarm', '-o', 'json');
    expect(res.code).toBe(0);
    const [entry] = JSON.parse(res.stdout);
    expect(entry).toMatchObject({ action: 'deleteFarm', source: { client: 'cli', userAgent: 'drover-cli' } });
  });

  it('filters by action and time, and says so on stderr when nothing matches', async () => {
    const recent = await drover('audit', '--action', 'updateFarm', '--since', '1h', '-o', 'json');
    expect(recent.code).toBe(0);
    expect(JSON.parse(recent.stdout).map((e: { resource: { id: string } }) => e.resource.id)).toEqual([
      farmId,
    ]);

    const old = await drover('audit', '--until', '2020-01-01T00:00:00Z');
    expect(old).toMatchObject({ code: 0, stdout: '' });
    expect(old.stderr).toContain('No audit entries match.');
  });

  it('refuses a --since it cannot read and an unknown resource type with exit 2', async () => {
    const since = await drover('audit', '--since', 'yesterday-ish');
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('expected a duration like 1h or 7d, or an ISO time');
    const resource = await drover('audit', '--resource', 'spaceship/enterprise');
    expect(resource.code).toBe(2);
    expect(resource.stderr).toContain('unknown type "spaceship"');
  });
});
