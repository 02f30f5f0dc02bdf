// `drover get farm-role NAME --farm FARM --scaling` with the real CLI process against the local
// runtime: the demo farm's web tier gets a pushed per-instance rule, a push asks for 3 servers,
// capped by max 2, and the CLI prints the decision (desired 2, the rule's vote and why: max), as a table and as JSON;
// a farm role without rules says so; a missing --farm is a usage error sent nowhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { FAST_AGENT, newDemoFarm, startReconcileRuntime } from '../integration/reconcile/reconcile-world';
import { untilConverged } from '../support/converge';
import { type CliHome, cliHome } from './cli-process';

let rt: LocalRuntime;
let home: CliHome;
let env: Record<string, string>;
let farmName: string;

beforeAll(async () => {
  rt = await startReconcileRuntime({ agent: FAST_AGENT });
  rt.deps.scalingPeriodMs = 1_000;
  // A demo account of its own: npm start's seeded demo farm is the runtime's to change at start.
  const farm = await newDemoFarm(rt, 'cli-scaling');
  const token = await rt.mintToken(farm.demo.userId, farm.demo.accountId);
  env = { DROVER_API: rt.apiUrl, DROVER_TOKEN: token };
  home = cliHome();
  const { api, farmId } = farm;
  const current = await api.get(`/v1/farms/${farmId}`);
  const { name, description, leaseExpiresAt, farmRoles } = current.body;
  farmName = name;
  const scaling = {
    rules: [
      { name: 'jobs', mode: 'per-instance', source: { type: 'pushed', name: 'jobs' }, perInstance: 10 },
    ],
  };
  const spec = {
    name,
    description,
    leaseExpiresAt,
    farmRoles: farmRoles.map((fr: { alias: string }) =>
      fr.alias === 'web' ? { ...fr, minInstances: 1, maxInstances: 2, scaling } : fr,
    ),
  };
  const put = await api.put(`/v1/farms/${farmId}`, spec, {
    'if-match': current.headers.get('etag')!,
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  const push = await api.post(`/v1/farms/${farmId}/farm-roles/web/metrics`, {
    metrics: { jobs: 25 },
  });
  expect(push.status, JSON.stringify(push.body)).toBe(202);
  expect((await api.post(`/v1/farms/${farmId}/launch`)).status).toBe(202);
  // Running with its 2 web servers: the scaled desired count is what the status converges on.
  await untilConverged(api, farmId);
}, 120_000);
afterAll(() => rt?.stop());

const drover = (...args: string[]) => home.run(args, { env });

describe('drover get farm-role --scaling', () => {
  it('prints the current decision and why', async () => {
    await expect
      .poll(async () => (await drover('get', 'farm-role', 'web', '--farm', farmName, '--scaling')).stdout, {
        timeout: 15_000,
        interval: 500,
      })
      .toMatch(
        /^web \(demo-web\): 2 servers \(0 ready\) → desired 2 \(hold\), bounds 1\.\.2 \(farm role\)$/m,
      );
    const shown = await drover('get', 'farm-role', 'web', '--farm', farmName, '--scaling');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('why: jobs 25 votes out (3); limited by max');
    expect(shown.stdout).toMatch(/^RULE\s+VALUE\s+SAMPLES\s+PROPOSAL\s+BREACHES OUT\/IN\s+VOTE$/m);
    expect(shown.stdout).toMatch(/^jobs\s+25\s+1\s+3\s+\d+\/0\s+out$/m);

    const json = await drover('get', 'farm-role', 'web', '--farm', farmName, '--scaling', '-o', 'json');
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout);
    expect(body.alias).toBe('web');
    expect(body.changes.map((d: { desired: number }) => d.desired)).toEqual([2]);
    expect(body.current.limitedBy).toEqual(['max']);
  });

  it('says when a farm role has no scaling, and needs --farm', async () => {
    const worker = await drover('get', 'farm-role', 'worker', '--farm', farmName, '--scaling');
    expect(worker.code).toBe(0);
    expect(worker.stdout).toBe('worker (demo-web): no scaling rules or schedules\n');
    const bare = await drover('get', 'farm-role', 'web', '--scaling');
    expect(bare.code).not.toBe(0);
    expect(bare.stderr).toContain('needs --farm');
  });
});
