// `drover plan -f` and the kubectl round trip with the real CLI process: a plan prints its
// summary line first, then per farm role what launches, is replaced or terminates; `drover get
// farm NAME -o yaml` prints a file apply takes back (kind: Farm, server fields under metadata and
// status); the file's metadata.version is the If-Match, so a farm changed in between is refused
// with an explanation (412); on a terminal apply asks before writing.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { FarmPlanView } from '../../functions/contract/farm-plan';
import type { Farm } from '../../functions/domain/schemas/farm';
import type { LocalRuntime } from '../../local/runtime';
import { type ApiClient, apiClient } from '../support/api-client';
import { awsAccessKeyCredentials } from '../support/fixtures';
import { startTestRuntime } from '../support/local-runtime';
import { createServerRecord } from '../support/server-record';
import { type CliHome, cliHome, DROVER_BIN } from './cli-process';

let rt: LocalRuntime;
let api: ApiClient;
let home: CliHome;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'drover-plan-'));

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  env = { DROVER_API: rt.apiUrl, DROVER_TOKEN: rt.demo.token };
  home = cliHome();
  await api.post(`/v1/environments/${rt.demo.environmentId}/credentials`, {
    ...awsAccessKeyCredentials(),
    name: 'aws-sandbox',
  });
});
afterAll(() => rt?.stop());

const drover = (...args: string[]) => home.run(args, { env });

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const farmFile = (name: string, min = 2, max = 4) => `
kind: Farm
name: ${name}
description: The web tier
farmRoles:
  - alias: web
    platform: aws
    role: base-debian
    credentials: aws-sandbox
    region: us-east-1
    zones: [us-east-1a, us-east-1b]
    instanceType: t3.small
    minInstances: ${min}
    maxInstances: ${max}
`;

async function farmNamed(name: string): Promise<Farm | undefined> {
  const list = await api.get(`/v1/environments/${rt.demo.environmentId}/farms?limit=200`);
  return list.body.items.find((f: { name: string }) => f.name === name);
}

describe('drover plan -f', () => {
  it('prints the summary line, then the launches a new farm would make, and writes nothing', async () => {
    const res = await drover('plan', '-f', file('new.yaml', farmFile('plan-new')));
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toBe('Plan for new farm plan-new (created Terminated; launching it would do this):');
    expect(lines[1]).toBe('2 to launch, 0 to replace, 0 to terminate when the farm is launched.');
    expect(res.stdout).toContain('+ farm role web (added, 0 → 2 servers)');
    expect(res.stdout).toContain('+ launch web-1 in us-east-1a (t3.small)');
    expect(res.stdout).toContain('+ launch web-2 in us-east-1b (t3.small)');
    expect(await farmNamed('plan-new')).toBeUndefined();
  });

  it('prints the API plan as it is with -o json', async () => {
    const res = await drover('plan', '-f', file('new-json.yaml', farmFile('plan-json')), '-o', 'json');
    expect(res.code, res.stderr).toBe(0);
    const plan = FarmPlanView.parse(JSON.parse(res.stdout));
    expect(plan).toMatchObject({ farmId: null, basis: 'on-launch', summary: { launch: 2 } });
  });

  it('plans a running farm: scale-out, scale-in and the field change causing them', async () => {
    expect((await drover('apply', '-f', file('run.yaml', farmFile('plan-run')))).code).toBe(0);
    const created = (await farmNamed('plan-run'))!;
    const running: Farm = { ...created, status: 'Running', version: 2 };
    await rt.deps.store.farms.update(running, 1, created.name);
    for (const index of [1, 2])
      await createServerRecord(rt.deps.store, running, {
        index,
        status: 'Running',
        instanceId: `i-0${index}23456789abcdef0`,
      });
    const out = await drover('plan', '-f', file('run-out.yaml', farmFile('plan-run', 3, 4)));
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.split('\n').slice(0, 2)).toEqual([
      `Plan for farm plan-run (${created.id}) at version 2, Running:`,
      '1 to launch, 0 to replace, 0 to terminate.',
    ]);
    expect(out.stdout).toContain('~ farm role web (changed, 2 → 3 servers)');
    expect(out.stdout).toContain('~ farmRoles[web].minInstances: 2 → 3');
    expect(out.stdout).toContain('+ launch web-3 in us-east-1b (t3.small): scale out');
    const inn = await drover('plan', '-f', file('run-in.yaml', farmFile('plan-run', 1, 4)));
    expect(inn.stdout).toContain('0 to launch, 0 to replace, 1 to terminate.');
    expect(inn.stdout).toMatch(/- terminate web-2 srv-\w+ \(scale in to 1/);
  });
});

describe('the round trip: get -o yaml, edit, plan, apply', () => {
  it('applies the file get printed, with its metadata.version as If-Match', async () => {
    expect((await drover('apply', '-f', file('rt.yaml', farmFile('round-trip')))).code).toBe(0);
    const got = await drover('get', 'farm', 'round-trip', '-o', 'yaml');
    expect(got.code, got.stderr).toBe(0);
    const doc = parse(got.stdout);
    expect(doc).toMatchObject({
      kind: 'Farm',
      name: 'round-trip',
      metadata: { version: 1, environmentId: rt.demo.environmentId },
      status: { phase: 'Terminated' },
    });
    expect(doc.metadata.id).toMatch(/^farm-/);
    expect(doc.farmRoles[0]).toMatchObject({ alias: 'web', id: expect.stringMatching(/^fr-/) });

    doc.farmRoles[0].maxInstances = 6;
    const edited = file('rt-edited.yaml', stringify(doc));
    const plan = await drover('plan', '-f', edited);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('~ farmRoles[web].maxInstances: 4 → 6');
    const applied = await drover('apply', '-f', edited);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toBe('farm/round-trip updated (version 2)\n');
    expect(applied.stderr).toContain('2 to launch, 0 to replace, 0 to terminate when the farm is launched.');
    expect(applied.stderr).toContain(
      '+ launch web-1 in us-east-1a (t3.small): one of the 2 the farm launches with',
    );
    expect((await farmNamed('round-trip'))!.farmRoles[0]!.maxInstances).toBe(6);
  });

  it('refuses a file read before someone else changed the farm (412), writing nothing', async () => {
    const got = await drover('get', 'farm', 'round-trip', '-o', 'yaml');
    const doc = parse(got.stdout);
    expect(doc.metadata.version).toBe(2);
    // Someone else saves the farm in between.
    doc.description = 'changed elsewhere';
    expect((await drover('apply', '-f', file('other.yaml', stringify(doc)))).code).toBe(0);

    doc.description = 'my change';
    const stale = await drover('apply', '-f', file('stale.yaml', stringify(doc)));
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(
      'Farm round-trip was changed by someone else: this apply was based on version 2, but the farm is now at version 3. Nothing was written.',
    );
    expect(stale.stderr).toContain(
      'stale.yaml asks for version 2 (its "version:" or "metadata.version" field).',
    );
    expect((await farmNamed('round-trip'))!.description).toBe('changed elsewhere');
  });

  it('applies to the farm metadata.id names even when the file renames it', async () => {
    const doc = parse((await drover('get', 'farm', 'round-trip', '-o', 'yaml')).stdout);
    doc.name = 'round-trip-renamed';
    const res = await drover('apply', '-f', file('renamed.yaml', stringify(doc)));
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe('farm/round-trip-renamed updated (version 4)\n');
    expect(await farmNamed('round-trip')).toBeUndefined();
    expect((await farmNamed('round-trip-renamed'))!.id).toBe(doc.metadata.id);
  });
});

/** Runs drover under `script`, so it has a terminal; `input` is typed into it. */
function onTerminal(args: string[], input: string): Promise<{ code: number; output: string }> {
  const command = [process.execPath, DROVER_BIN, ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((done, fail) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: { ...process.env, ...env, HOME: home.dir, DROVER_CONFIG: home.configPath, NO_COLOR: '1' },
      stdio: 'pipe',
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      output += d;
      if (output.includes('Only "yes" goes on')) child.stdin.end(input);
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, output }));
  });
}

describe('drover apply -f on a terminal', () => {
  it('asks before writing: anything but yes cancels, yes applies, --yes does not ask', async () => {
    const path = file('tty.yaml', farmFile('on-terminal'));
    const no = await onTerminal(['apply', '-f', path], 'no\n');
    expect(no.output).toContain('2 to launch, 0 to replace, 0 to terminate when the farm is launched.');
    expect(no.output).toContain('Apply cancelled: nothing was written.');
    expect(no.code).toBe(1);
    expect(await farmNamed('on-terminal')).toBeUndefined();

    const yes = await onTerminal(['apply', '-f', path], 'yes\n');
    expect(yes.code, yes.output).toBe(0);
    expect(yes.output).toContain('farm/on-terminal created (version 1)');

    writeFileSync(path, readFileSync(path, 'utf8').replace('maxInstances: 4', 'maxInstances: 5'));
    const skip = await onTerminal(['apply', '-f', path, '--yes'], '');
    expect(skip.code, skip.output).toBe(0);
    expect(skip.output).not.toContain('Only "yes" goes on');
    expect(skip.output).toContain('farm/on-terminal updated (version 2)');
  });
});
