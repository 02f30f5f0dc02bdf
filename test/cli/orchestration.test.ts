// `drover apply -f` for scripts and rules, `drover get scripts|rules`, `drover fire` and
// `drover logs`, with the real CLI process against the local runtime. No terminal, so no colour.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Farm } from '../../functions/domain/schemas';
import type { LocalRuntime } from '../../local/runtime';
import { apiClient } from '../support/api-client';
import { startTestRuntime } from '../support/local-runtime';
import { createServerRecord } from '../support/server-record';
import { type CliHome, cliHome, DROVER_BIN } from './cli-process';

let rt: LocalRuntime;
let home: CliHome;
let env: Record<string, string>;
let farm: Farm;
let serverId: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  env = { DROVER_API: rt.apiUrl, DROVER_TOKEN: rt.demo.token };
  home = cliHome();
  farm = (await apiClient(rt.apiUrl, rt.demo.token).get<Farm>(`/v1/farms/${rt.demo.farmId}`)).body;
  serverId = (await createServerRecord(rt.deps.store, farm, { status: 'Running' })).id;
});
afterAll(() => rt?.stop());

const drover = (...args: string[]) => home.run(args, { env });
function file(name: string, text: string): string {
  const path = join(home.dir, name);
  writeFileSync(path, text);
  return path;
}

const script = (body: string) => `kind: Script
name: hello
description: Says hello
timeoutSeconds: 30
body: |
${body
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;

describe('drover apply -f for scripts and rules', () => {
  it('says there are no scripts yet, on stderr', async () => {
    const res = await drover('get', 'scripts');
    expect(res).toMatchObject({ code: 0, stdout: '' });
    expect(res.stderr).toContain('No scripts');
  });

  it('creates a script, leaves it alone when unchanged, and saves a new version when its body changes', async () => {
    const first = await drover('apply', '-f', file('script.yaml', script('#!/bin/sh\necho one')));
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('script/hello created (version 1)\n');
    const again = await drover('apply', '-f', file('script.yaml', script('#!/bin/sh\necho one')));
    expect(again.stdout).toBe('script/hello unchanged (version 1)\n');
    const changed = await drover('apply', '-f', file('script.yaml', script('#!/bin/sh\necho two')));
    expect(changed.stdout).toBe('script/hello updated (version 2)\n');
    expect(changed.stderr).toContain('changes: body');

    const listed = await drover('get', 'scripts');
    expect(listed.stdout.split('\n')[0]).toMatch(/^NAME\s+VERSION\s+INTERPRETER\s+BLOCKING\s+TIMEOUT\s+ID$/);
    expect(listed.stdout).toMatch(/hello\s+2\s+sh\s+yes\s+30s/);
  });

  it('creates a rule with its scope given by names, and finds the same rule again without an id', async () => {
    const rule = file(
      'rule.yaml',
      `kind: OrchestrationRule
scope: { farm: ${farm.name} }
event: DeployFinished
target: farm
script: hello
order: 10
`,
    );
    const created = await drover('apply', '-f', rule);
    expect(created.code).toBe(0);
    expect(created.stdout).toBe('rule/DeployFinished:hello created (version 1)\n');
    expect((await drover('apply', '-f', rule)).stdout).toBe(
      'rule/DeployFinished:hello unchanged (version 1)\n',
    );

    const listed = await drover('get', 'rules');
    expect(listed.stdout).toMatch(
      new RegExp(`DeployFinished\\s+farm/${farm.name}\\s+farm\\s+hello@latest\\s+10\\s+yes\\s+no`),
    );
  });

  it('names the field of a rule file that points at nothing, and exits 1', async () => {
    const res = await drover(
      'apply',
      '-f',
      file(
        'bad-rule.yaml',
        'kind: OrchestrationRule\nscope: { farm: no-such-farm }\nevent: HostUp\nscript: hello\n',
      ),
      '-o',
      'json',
    );
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).issues).toEqual([expect.objectContaining({ path: 'scope.farm' })]);
  });
});

describe('drover fire and drover logs', () => {
  let executionId: string;

  it('fires a custom event on a farm', async () => {
    const res = await drover('fire', 'DeployFinished', '--farm', farm.name, '--payload', '{"version":"7"}');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^event/DeployFinished fired on farm ${farm.name} \\(`));
  });

  it('refuses a lifecycle event name (exit 1) and a payload that is not JSON (exit 2)', async () => {
    const lifecycle = await drover('fire', 'HostUp', '--farm', farm.name);
    expect(lifecycle.code).toBe(1);
    expect(lifecycle.stderr).toContain('name');
    expect((await drover('fire', 'Deployed', '--farm', farm.name, '--payload', '{oops')).code).toBe(2);
  });

  it('lists the farm’s executions with status, exit code, duration and the last line of output', async () => {
    await rt.orchestration.idle();
    const scope = { accountId: rt.demo.accountId, farmId: farm.id };
    const [queued] = (await rt.deps.store.executions.listByFarm(scope, { limit: 1 })).items;
    executionId = queued!.id;
    await rt.deps.store.executions.update(
      {
        ...queued!,
        status: 'succeeded',
        exitCode: 0,
        durationMs: 1500,
        stdoutTail: 'first line\nhello from the server\n',
        stderrTail: 'a warning\n',
        version: 2,
      },
      1,
    );

    const res = await drover('logs', '--farm', farm.name);
    expect(res.code).toBe(0);
    const [header, row] = res.stdout.split('\n');
    expect(header).toMatch(/^WHEN\s+SCRIPT\s+EVENT\s+SERVER\s+STATUS\s+EXIT\s+DURATION\s+OUTPUT\s+ID$/);
    expect(row).toMatch(
      new RegExp(
        `hello@2\\s+DeployFinished\\s+${serverId}\\s+succeeded\\s+0\\s+2s\\s+hello from the server\\s+${executionId}`,
      ),
    );

    const byScript = JSON.parse((await drover('logs', '--script', 'hello', '-o', 'json')).stdout);
    expect(byScript.map((e: { id: string }) => e.id)).toEqual([executionId]);
    const byServer = JSON.parse((await drover('logs', '--server', serverId, '-o', 'json')).stdout);
    expect(byServer.map((e: { id: string }) => e.id)).toEqual([executionId]);
  });

  it('prints one execution’s whole output: stdout on stdout, stderr and the outcome on stderr', async () => {
    for (const args of [[executionId], [executionId, '--follow']]) {
      const res = await drover('logs', ...args);
      expect(res.code).toBe(0);
      expect(res.stdout).toBe('first line\nhello from the server\n');
      expect(res.stderr).toBe(`a warning\nhello@2 on ${serverId}: succeeded (exit code 0 after 2s).\n`);
    }
  });

  it('follows the farm: prints a row again when its execution changes, and stops on Ctrl-C', async () => {
    const child = spawn(
      process.execPath,
      [DROVER_BIN, 'logs', '--farm', farm.name, '--follow', '--interval', '100ms', '-o', 'json'],
      { env: { ...process.env, ...env, HOME: home.dir, DROVER_CONFIG: home.configPath }, stdio: 'pipe' },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const lines = () =>
      stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { id: string; status: string });
    const until = async (what: () => boolean) => {
      for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(what()).toBe(true);
    };
    await until(() => lines().length === 1);
    const scope = { accountId: rt.demo.accountId };
    const current = (await rt.deps.store.executions.get(scope, executionId))!;
    await rt.deps.store.executions.update(
      { ...current, status: 'failed', exitCode: 3, version: current.version + 1 },
      current.version,
    );
    await until(() => lines().length === 2);
    expect(lines().map((e) => [e.id, e.status])).toEqual([
      [executionId, 'succeeded'],
      [executionId, 'failed'],
    ]);
    const exited = new Promise<number | null>((done) => child.on('close', done));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('is a usage error without a filter (exit 2)', async () => {
    const res = await drover('logs');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--farm');
  });
});
