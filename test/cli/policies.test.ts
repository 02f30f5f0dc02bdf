// Governance policies with the real CLI process: `drover apply -f` a `kind: Policy` file creates
// it, an edited file updates it showing what changed, a bad file fails with field paths;
// `drover get policies` (table and JSON), `drover describe policy`, `drover delete policy`.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { type ApiClient, apiClient } from '../support/api-client';
import { startTestRuntime } from '../support/local-runtime';
import { type CliHome, cliHome } from './cli-process';

let rt: LocalRuntime;
let api: ApiClient;
let home: CliHome;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'drover-policies-'));
const EXAMPLE = resolve(import.meta.dirname, '../../examples/policies/small-instances.yaml');

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  env = { DROVER_API: rt.apiUrl, DROVER_TOKEN: rt.demo.token };
  home = cliHome();
});
afterAll(() => rt?.stop());

const drover = (...args: string[]) => home.run(args, { env });
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
async function policyNamed(name: string) {
  const list = await api.get(`/v1/environments/${rt.demo.environmentId}/policies?limit=200`);
  return list.body.items.find((p: { name: string }) => p.name === name);
}

describe('drover and policies', () => {
  it('creates a policy from the example file', async () => {
    const res = await drover('apply', '-f', EXAMPLE);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe('policy/small instances created (version 1)\n');
    expect(res.stderr).toContain(
      'Policy small instances does not exist in environment demo; it will be created:',
    );
    expect(await policyNamed('small instances')).toMatchObject({
      platform: 'aws',
      rule: { kind: 'allowed-instance-types', instanceTypes: ['t3.*'] },
    });
  });

  it('updates it with If-Match, printing each change, and leaves an unchanged one alone', async () => {
    const edited = readFileSync(EXAMPLE, 'utf8').replace(
      'instanceTypes: [t3.*]',
      'instanceTypes: [t3.*, m5.large]',
    );
    const res = await drover('apply', '-f', file('edited.yaml', edited));
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe('policy/small instances updated (version 2)\n');
    expect(res.stderr).toContain('rule.instanceTypes');
    const again = await drover('apply', '-f', file('again.yaml', edited));
    expect(again.stdout).toBe('policy/small instances unchanged (version 2)\n');
  });

  it('refuses a stale version named in the file, and a bad file with field paths', async () => {
    const stale = await drover(
      'apply',
      '-f',
      file('stale.yaml', `version: 1\n${readFileSync(EXAMPLE, 'utf8')}`),
    );
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('was changed by someone else');
    const bad = await drover(
      'apply',
      '-f',
      file('bad.yaml', 'kind: Policy\nname: bad\nrule:\n  kind: allowed-locations\n  regions: []\n'),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('rule.regions');
    expect(await policyNamed('bad')).toBeUndefined();
  });

  it('lists policies as a table and as JSON, and describes one', async () => {
    const table = await drover('get', 'policies');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^NAME\s+RULE\s+PLATFORM\s+ENABLED\s+SUMMARY/);
    expect(table.stdout).toMatch(/small instances\s+allowed-instance-types\s+aws\s+yes\s+t3\.\*,m5\.large/);
    const json = JSON.parse((await drover('get', 'policies', '-o', 'json')).stdout);
    expect(json.map((p: { name: string }) => p.name)).toEqual(['small instances']);
    const described = await drover('describe', 'policy', 'small instances');
    expect(described.code, described.stderr).toBe(0);
    expect(described.stdout).toContain('Rule:');
    expect(described.stdout).toContain('allowed-instance-types');
  });

  it('explains a farm the policy refuses, then deletes the policy', async () => {
    const refused = await drover(
      'apply',
      '-f',
      file(
        'farm.yaml',
        `kind: Farm\nname: big\nfarmRoles:\n  - alias: web\n    platform: aws\n    role: ${rt.demo.roleId}\n    credentials: ${rt.demo.awsCredentialsId}\n    region: us-east-1\n    zones: [us-east-1a]\n    instanceType: c5.xlarge\n    minInstances: 1\n    maxInstances: 1\n`,
      ),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('small instances');
    const deleted = await drover('delete', 'policy', 'small instances');
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(await policyNamed('small instances')).toBeUndefined();
  });
});
