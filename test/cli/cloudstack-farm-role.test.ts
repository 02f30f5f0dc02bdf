// A CloudStack farm role through the real `drover` process: the CLI has no per-cloud code, so a
// farm file's CloudStack placement (zone, service offering, guest networks, security groups, key
// pair) is applied through the shared schema and printed back by `get farm -o yaml`, and a bad
// field is refused with its path.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { LocalRuntime } from '../../local/runtime';
import { startTestRuntime } from '../support/local-runtime';
import { type CliHome, cliHome } from './cli-process';

let rt: LocalRuntime;
let home: CliHome;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'drover-cloudstack-'));

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

const farmFile = (network: string) => `
kind: Farm
name: cs-app
farmRoles:
  - alias: app
    platform: cloudstack
    role: base-debian
    credentials: sandbox-cloudstack
    region: zone-1
    zones: [zone-1]
    instanceType: Small Instance
    minInstances: 1
    maxInstances: 2
    network: ${network}
`;

describe('drover apply with a CloudStack farm role', () => {
  it('applies the placement and prints it back', async () => {
    const network = '{networks: [guest-net-1], securityGroups: [web], keyPair: sandbox-key}';
    const res = await drover('apply', '-f', file('cs.yaml', farmFile(network)));
    expect(res.code, res.stderr).toBe(0);
    const got = await drover('get', 'farm', 'cs-app', '-o', 'yaml');
    expect(got.code, got.stderr).toBe(0);
    expect(parse(got.stdout).farmRoles[0]).toMatchObject({
      platform: 'cloudstack',
      region: 'zone-1',
      zones: ['zone-1'],
      instanceType: 'Small Instance',
      network: { networks: ['guest-net-1'], securityGroups: ['web'], keyPair: 'sandbox-key' },
    });
  });

  it('refuses a field CloudStack has not, naming its path', async () => {
    const res = await drover('apply', '-f', file('bad.yaml', farmFile('{serverGroup: g}')));
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('farmRoles.0.network');
  });
});
