// The kubectl round trip for a farm on the private clouds, through the real `drover` process: a
// farm file with an OpenStack farm role (RegionOne, Nova zone, flavor, networks, security groups,
// key pair) and a CloudStack one (zone, `Small Instance`, guest network, security groups, key pair)
// is applied, printed back by `get farm -o yaml`, edited (security groups changed), planned and
// applied again with its version; a field a cloud has not is refused with its path; a CloudStack
// policy applied from a file then refuses a group it does not allow, naming the policy and the field.
// The CLI has no per-cloud code: all of it is the shared schema.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { LocalRuntime } from '../../local/runtime';
import { startTestRuntime } from '../support/local-runtime';
import { type CliHome, cliHome } from './cli-process';

let rt: LocalRuntime;
let home: CliHome;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'drover-private-'));

beforeAll(async () => {
  rt = await startTestRuntime();
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

const FARM = `
kind: Farm
name: private-app
farmRoles:
  - alias: db
    platform: openstack
    role: base-debian
    credentials: sandbox-openstack
    region: RegionOne
    zones: [nova]
    instanceType: m1.small
    minInstances: 1
    maxInstances: 2
    network: {networks: [private], securityGroups: [default, web], keyName: demo-key}
  - alias: app
    platform: cloudstack
    role: base-debian
    credentials: sandbox-cloudstack
    region: zone-1
    zones: [zone-1]
    instanceType: Small Instance
    minInstances: 1
    maxInstances: 2
    network: {networks: [guest-net-1], securityGroups: [default, web], keyPair: sandbox-key}
`;

describe('drover get/apply with OpenStack and CloudStack farm roles', () => {
  it('applies the farm, prints it back, and applies the edited print with its version', async () => {
    const created = await drover('apply', '-f', file('private.yaml', FARM));
    expect(created.code, created.stderr).toBe(0);
    const got = await drover('get', 'farm', 'private-app', '-o', 'yaml');
    expect(got.code, got.stderr).toBe(0);
    const doc = parse(got.stdout);
    expect(doc.metadata.version).toBe(1);
    expect(doc.farmRoles).toEqual([
      expect.objectContaining({
        alias: 'db',
        platform: 'openstack',
        region: 'RegionOne',
        zones: ['nova'],
        instanceType: 'm1.small',
        network: { networks: ['private'], securityGroups: ['default', 'web'], keyName: 'demo-key' },
      }),
      expect.objectContaining({
        alias: 'app',
        platform: 'cloudstack',
        region: 'zone-1',
        instanceType: 'Small Instance',
        network: { networks: ['guest-net-1'], securityGroups: ['default', 'web'], keyPair: 'sandbox-key' },
      }),
    ]);

    doc.farmRoles[0].network.securityGroups = ['default', 'web', 'ssh access'];
    doc.farmRoles[1].network.securityGroups = ['web'];
    const edited = file('private-edited.yaml', stringify(doc));
    const plan = await drover('plan', '-f', edited);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('farmRoles[db].network.securityGroups');
    expect(plan.stdout).toContain('farmRoles[app].network.securityGroups');
    const applied = await drover('apply', '-f', edited);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toBe('farm/private-app updated (version 2)\n');

    const again = parse((await drover('get', 'farm', 'private-app', '-o', 'yaml')).stdout);
    expect(
      again.farmRoles.map((fr: { network: { securityGroups: string[] } }) => fr.network.securityGroups),
    ).toEqual([['default', 'web', 'ssh access'], ['web']]);
  });

  it('refuses a field CloudStack has not, naming its path', async () => {
    const bad = FARM.replace('name: private-app', 'name: bad').replace(
      'keyPair: sandbox-key}',
      'serverGroup: g}',
    );
    const res = await drover('apply', '-f', file('bad.yaml', bad));
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('farmRoles.1.network');
  });

  it('refuses a CloudStack security group a policy applied from a file does not allow', async () => {
    const policy = `
kind: Policy
name: cloudstack groups
platform: cloudstack
rule:
  kind: allowed-security-groups
  securityGroups: [default]
`;
    const made = await drover('apply', '-f', file('policy.yaml', policy));
    expect(made.code, made.stderr).toBe(0);
    const listed = await drover('get', 'policies');
    expect(listed.stdout).toMatch(/cloudstack groups\s+allowed-security-groups\s+cloudstack/);

    const refused = await drover(
      'apply',
      '-f',
      file('refused.yaml', FARM.replace('name: private-app', 'name: refused')),
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('farmRoles.1.network.securityGroups.1');
    expect(refused.stderr).toContain('cloudstack groups: security group web is not allowed');
  });
});
