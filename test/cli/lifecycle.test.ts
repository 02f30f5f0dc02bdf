// A farm's life driven from the command line, with the real CLI process against the local
// runtime and its reconciler on fast sandbox clouds: launch --wait until converged, list and
// watch the servers, suspend and resume, terminate --wait, delete; and a wait that runs out
// of time exits 8 (still pending). No terminal: progress comes as plain lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime';
import { type CliHome, cliHome } from './cli-process';

let rt: LocalRuntime;
let home: CliHome;
let env: Record<string, string>;

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  rt = await startLocalRuntime({
    port: 0,
    inMemory: true,
    sandboxTimings: { bootMs: 150, shutdownMs: 100 },
    agent: { hostInitDelayMs: 50, hostUpDelayMs: 50 },
    reconcileIntervalMs: 1_000,
    planOptions: { vanishGraceMs: 1_500, orphanGraceMs: 3_000, retryAfterMs: 1_000 },
  });
  env = { DROVER_API: rt.apiUrl, DROVER_TOKEN: rt.demo.token };
  home = cliHome();
});
afterAll(() => rt?.stop());

const drover = (...args: string[]) => home.run(args, { env });
const WAIT = ['--wait', '--timeout', '60s', '--interval', '200ms'];

describe('drover launch | suspend | resume | terminate farm --wait', () => {
  it('launches the demo farm and waits until it has converged', async () => {
    const res = await drover('launch', 'farm', 'demo-web', ...WAIT);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe('farm/demo-web Running, converged\n');
    const lines = res.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('Farm demo-web is launching (status Launching).');
    // Without a terminal: whole lines, no carriage returns or escape codes.
    expect(res.stderr).not.toContain('\r');
    expect(res.stderr).not.toContain('\u001b[');
    expect(lines.some((l) => /^farm demo-web: Launching, converging; web \d\/2 running/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(
      /^farm demo-web: Running, converged; web 2\/2 running; worker 1\/1 running \(after \d+(ms|s|m\d*s?)\)$/,
    );
  });

  it("lists the farm's servers as a table and as JSON", async () => {
    const table = await drover('servers', 'demo-web');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+ZONE\s+TYPE\s+INSTANCE\s+PRIVATE IP\s+PUBLIC IP\s+ID$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'web-1 Running',
      'web-2 Running',
      'worker-1 Running',
    ]);
    const json = await drover('get', 'servers', '--farm', 'demo-web', '-o', 'json');
    const servers = JSON.parse(json.stdout);
    expect(servers).toHaveLength(3);
    expect(servers[0]).toMatchObject({ farmId: rt.demo.farmId, farmName: 'demo-web', status: 'Running' });
  });

  it('watches the servers, printing only changes (one JSON line each with -o json)', async () => {
    const res = await drover(
      'servers',
      'demo-web',
      '--watch',
      '--timeout',
      '1s',
      '--interval',
      '200ms',
      '-o',
      'json',
    );
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    // Nothing changes on a converged farm: one snapshot, not one per look.
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toHaveLength(3);
  });

  it('suspends and resumes the farm', async () => {
    const suspended = await drover('suspend', 'farm', 'demo-web', ...WAIT);
    expect(suspended.code, suspended.stderr).toBe(0);
    expect(suspended.stdout).toMatch(/^farm\/demo-web Suspended, /);
    const resumed = await drover('resume', 'farm', 'demo-web', ...WAIT, '-o', 'json');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).status).toMatchObject({ status: 'Running', convergence: 'converged' });
  });

  it('terminates the farm, waits for Terminated, then deletes it', async () => {
    const res = await drover('terminate', 'farm', 'demo-web', ...WAIT);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^farm\/demo-web Terminated, /);
    const servers = await drover('servers', 'demo-web');
    expect(servers.stdout).toBe('');
    expect(servers.stderr).toBe('Farm demo-web has no servers.\n');
    const all = await drover('servers', 'demo-web', '--all', '-o', 'json');
    expect(JSON.parse(all.stdout).every((s: { status: string }) => s.status === 'Terminated')).toBe(true);
    const deleted = await drover('delete', 'farm', 'demo-web');
    expect(deleted.code, deleted.stderr).toBe(0);
  });
});

describe('a wait that runs out of time', () => {
  it('exits 8 (still pending), says where the farm stood, and leaves the farm going', async () => {
    const file =
      'kind: Farm\nname: slow\nfarmRoles:\n' +
      '  - {alias: web, platform: aws, role: base-debian, credentials: sandbox-aws, region: us-east-1,\n' +
      '     zones: [us-east-1a], instanceType: t3.small, minInstances: 1, maxInstances: 1}\n';
    const applied = await home.run(['apply', '-f', '-'], { env, input: file });
    expect(applied.code, applied.stderr).toBe(0);

    const res = await drover('launch', 'farm', 'slow', '--wait', '--timeout', '100ms', '-o', 'json');
    expect(res.code).toBe(8);
    expect(res.stderr).toMatch(/Error: Still pending after 100ms: farm slow: Launching/);
    expect(res.stderr).toContain('drover describe farm slow');
    expect(JSON.parse(res.stdout)).toMatchObject({ code: 'StillPending' });

    // The farm carried on without the CLI.
    const later = await drover('launch', 'farm', 'slow', ...WAIT);
    expect(later.code, later.stderr).toBe(0);
    expect((await drover('terminate', 'farm', 'slow', ...WAIT)).code).toBe(0);
  });

  it('exits 1 for a lifecycle change the farm cannot make (409)', async () => {
    const res = await drover('resume', 'farm', 'slow');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Cannot resume farm slow while it is Terminated');
  });
});
