// `drover apply -f` and `drover delete farm` with the real CLI process: a farm file creates a
// farm, a changed file updates it and shows what changed (paths, old → new) on stderr, a dry
// run writes nothing, a bad file fails before any write with field paths, and a stale version
// is refused with an explanation.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { type ApiClient, apiClient } from '../support/api-client';
import { awsAccessKeyCredentials } from '../support/fixtures';
import { startTestRuntime } from '../support/local-runtime';
import { type CliHome, cliHome } from './cli-process';

let rt: LocalRuntime;
let api: ApiClient;
let home: CliHome;
let env: Record<string, string>;
let credId: string;
const dir = mkdtempSync(join(tmpdir(), 'drover-apply-'));

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  env = { DROVER_API: rt.apiUrl, DROVER_TOKEN: rt.demo.token };
  home = cliHome();
  credId = (
    await api.post(`/v1/environments/${rt.demo.environmentId}/credentials`, {
      ...awsAccessKeyCredentials(),
      name: 'aws-sandbox',
    })
  ).body.id;
});
afterAll(() => rt?.stop());

const drover = (...args: string[]) => home.run(args, { env });

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const webApp = (overrides: { max?: number; description?: string; extra?: string; head?: string } = {}) => `
${overrides.head ?? ''}kind: Farm
name: web-app
description: ${overrides.description ?? 'The web tier'}
farmRoles:
  - alias: web
    platform: aws
    role: base-debian
    credentials: aws-sandbox
    region: us-east-1
    zones: [us-east-1a, us-east-1b]
    instanceType: t3.small
    minInstances: 2
    maxInstances: ${overrides.max ?? 4}
${overrides.extra ?? ''}`;

async function farmNamed(name: string) {
  const list = await api.get(`/v1/environments/${rt.demo.environmentId}/farms?limit=200`);
  return list.body.items.find((f: { name: string }) => f.name === name);
}

describe('drover apply -f', () => {
  it('shows what a dry run would create and writes nothing', async () => {
    const res = await drover('apply', '-f', file('dry.yaml', webApp()), '--dry-run');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe('farm/web-app would be created (dry run)\n');
    expect(res.stderr).toContain('Farm web-app does not exist in environment demo; it will be created:');
    expect(res.stderr).toContain('+ farmRoles[web]: aws us-east-1 t3.small, 2..4 instances');
    expect(res.stderr).toContain('Dry run: nothing was written.');
    expect(await farmNamed('web-app')).toBeUndefined();
  });

  it('creates the farm, resolving role and credentials names to ids', async () => {
    const res = await drover('apply', '-f', file('create.yaml', webApp()));
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe('farm/web-app created (version 1)\n');
    const stored = await farmNamed('web-app');
    expect(stored).toMatchObject({ version: 1, description: 'The web tier' });
    expect(stored.farmRoles[0]).toMatchObject({
      roleId: rt.demo.roleId,
      credentialsId: credId,
      maxInstances: 4,
    });
  });

  it('leaves an unchanged farm alone', async () => {
    const res = await drover('apply', '-f', file('same.yaml', webApp()));
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe('farm/web-app unchanged (version 1)\n');
    expect(res.stderr).toContain('no changes');
    expect((await farmNamed('web-app')).version).toBe(1);
  });

  it('updates the farm with If-Match and prints each change as path: old → new', async () => {
    const before = await farmNamed('web-app');
    const worker = `  - alias: worker
    platform: aws
    role: ${rt.demo.roleId}
    credentials: ${credId}
    region: us-east-1
    zones: [us-east-1b]
    instanceType: t3.micro
    minInstances: 1
    maxInstances: 1
`;
    const path = file('update.yaml', webApp({ max: 6, description: 'The web tier, bigger', extra: worker }));
    const dry = await drover('apply', '-f', path, '--dry-run');
    expect(dry.stdout).toBe('farm/web-app would be updated (dry run)\n');
    expect((await farmNamed('web-app')).version).toBe(1);

    const res = await drover('apply', '-f', path);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe('farm/web-app updated (version 2)\n');
    expect(res.stderr).toContain(`Farm web-app (${before.id}) at version 1 changes:`);
    expect(res.stderr).toContain('~ description: "The web tier" → "The web tier, bigger"');
    expect(res.stderr).toContain('~ farmRoles[web].maxInstances: 4 → 6');
    expect(res.stderr).toContain('+ farmRoles[worker]: aws us-east-1 t3.micro, 1..1 instances');
    const after = await farmNamed('web-app');
    // The web farm role keeps its id (its servers are not replaced); the worker gets a new one.
    expect(after.farmRoles.find((fr: { alias: string }) => fr.alias === 'web').id).toBe(
      before.farmRoles[0].id,
    );
    expect(after.farmRoles).toHaveLength(2);
  });

  it('reports the outcome and the changes as data with -o json', async () => {
    const res = await drover('apply', '-f', file('json.yaml', webApp({ max: 5 })), '--dry-run', '-o', 'json');
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out).toMatchObject({ action: 'updated', dryRun: true, farm: { name: 'web-app', version: 2 } });
    expect(out.changes).toEqual(
      expect.arrayContaining([
        { path: 'farmRoles[web].maxInstances', kind: 'changed', before: 6, after: 5 },
        expect.objectContaining({ path: 'farmRoles[worker]', kind: 'removed' }),
      ]),
    );
  });

  it('reads JSON files and stdin too', async () => {
    const json = JSON.stringify({ kind: 'Farm', name: 'from-json', farmRoles: [] });
    expect((await drover('apply', '-f', file('farm.json', json))).stdout).toBe(
      'farm/from-json created (version 1)\n',
    );
    const piped = await home.run(['apply', '-f', '-'], {
      env,
      input: 'kind: Farm\nname: from-stdin\ndescription: piped\n',
    });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe('farm/from-stdin created (version 1)\n');
  });

  it('refuses a stale version with an explanation and writes nothing (412)', async () => {
    const current = await farmNamed('web-app');
    expect(current.version).toBe(2);
    const res = await drover('apply', '-f', file('stale.yaml', webApp({ max: 9, head: 'version: 1\n' })));
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      'Farm web-app was changed by someone else: this apply was based on version 1, but the farm is now at version 2. Nothing was written.',
    );
    expect(res.stderr).toContain('stale.yaml asks for version 1');
    expect((await farmNamed('web-app')).version).toBe(2);

    const asJson = await drover('apply', '-f', join(dir, 'stale.yaml'), '-o', 'json');
    expect(JSON.parse(asJson.stdout)).toMatchObject({ status: 412, currentVersion: 2 });
  });

  it('applies when the file names the current version', async () => {
    const res = await drover('apply', '-f', file('current.yaml', webApp({ max: 3, head: 'version: 2\n' })));
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe('farm/web-app updated (version 3)\n');
  });

  it('fails a bad file before writing anything, naming each field (exit 1)', async () => {
    const bad = `kind: Farm
name: broken
farmRoles:
  - alias: web
    platform: aws
    role: base-debian
    region: us-east-1
    zones: [eu-west-1a]
    instanceType: t3.small
    minInstances: 5
    maxInstances: 2
    colour: blue
`;
    const res = await drover('apply', '-f', file('bad.yaml', bad));
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('bad.yaml is not a valid farm');
    expect(res.stderr).toContain('  farmRoles.0.credentials: is required (a credentials name or id)');
    expect(res.stderr).toContain('  farmRoles.0.minInstances: must not exceed maxInstances (2)');
    expect(res.stderr).toContain('  farmRoles.0.zones.0: zone eu-west-1a is not in region us-east-1');
    expect(res.stderr).toContain('  farmRoles.0.colour: is not a known field');
    expect(await farmNamed('broken')).toBeUndefined();

    const asJson = await drover('apply', '-f', join(dir, 'bad.yaml'), '-o', 'json');
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stdout).issues).toEqual(
      expect.arrayContaining([
        { in: 'file', path: 'farmRoles.0.minInstances', message: 'must not exceed maxInstances (2)' },
      ]),
    );
  });

  it('names a role or credentials that do not exist, with the ones that do', async () => {
    const res = await drover(
      'apply',
      '-f',
      file('unknown.yaml', webApp().replace('role: base-debian', 'role: nope')),
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      'farmRoles.0.role: no role named "nope" in this environment (known: base-debian)',
    );
  });

  it('needs kind: Farm, valid YAML and a readable file', async () => {
    const noKind = await drover('apply', '-f', file('nokind.yaml', 'name: x\n'));
    expect(noKind.code).toBe(1);
    expect(noKind.stderr).toContain('kind: is required and must be Farm');
    const notYaml = await drover('apply', '-f', file('broken.yaml', 'kind: Farm\nname: [unclosed\n'));
    expect(notYaml.code).toBe(1);
    expect(notYaml.stderr).toContain('is not valid YAML or JSON');
    const missing = await drover('apply', '-f', join(dir, 'missing.yaml'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ENOENT');
    const noFile = await drover('apply');
    expect(noFile.code).toBe(2);
  });

  it('passes the API’s own refusals through with their field paths (422)', async () => {
    const res = await drover(
      'apply',
      '-f',
      file(
        'eu.yaml',
        webApp().replace('name: web-app', 'name: eu-app').replaceAll('us-east-1', 'eu-central-1'),
      ),
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/ {2}farmRoles\.0\.region: .*no aws image for eu-central-1/);
  });
});

describe('drover delete farm', () => {
  it('deletes a Terminated farm by name', async () => {
    const res = await drover('delete', 'farm', 'from-json');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/^Deleted farm from-json \(farm-/);
    expect(await farmNamed('from-json')).toBeUndefined();
  });

  it('exits 1 with "not found" for a farm that is not there', async () => {
    const res = await drover('delete', 'farm', 'from-json');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('not found');
  });

  it('refuses a farm that is not Terminated and says to terminate it first', async () => {
    const stored = await rt.deps.store.farms.get(
      { accountId: rt.demo.accountId },
      (await farmNamed('from-stdin')).id,
    );
    await rt.deps.store.farms.update({ ...stored!, status: 'Running', version: 2 }, 1, stored!.name);
    const res = await drover('delete', 'farm', 'from-stdin');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('drover terminate farm from-stdin --wait');
  });
});
