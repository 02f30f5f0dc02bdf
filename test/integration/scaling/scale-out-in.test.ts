// Scaling through the loop, end to end: the sandbox servers' simulated agents report the load
// the test sets on the farm role (PUT /_sandbox/load's model: a total CPU demand spread over its
// running servers), the reconcile pass evaluates a CPU target rule and a pushed per-instance rule,
// and the farm role scales out to its max, holds while the pushed rule disagrees, and scales back
// in once every rule agrees — each step with its decision record and a ScaleOut / ScaleIn event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FarmRoleScaling } from '../../../functions/domain/schemas/scaling-state';
import type { LocalRuntime } from '../../../local/runtime';
import { untilConverged } from '../../support/converge';
import {
  expectCloudMatchesRecords,
  FAST_AGENT,
  launch,
  liveServers,
  newDemoFarm,
  startReconcileRuntime,
  type TestFarm,
} from '../reconcile/reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime({ agent: { ...FAST_AGENT, metricsIntervalMs: 1_000 } });
  // Rules are evaluated every second here (a minute in AWS and npm start), so breaches come fast.
  rt.deps.scalingPeriodMs = 1_000;
});
afterAll(() => rt?.stop());

const SCALING = {
  warmUpSec: 0,
  rules: [
    {
      name: 'cpu',
      mode: 'target',
      source: { type: 'agent', metric: 'cpuPercent' },
      target: 50,
      windowSec: 60,
      breachesIn: 1,
    },
    {
      name: 'sessions',
      mode: 'per-instance',
      source: { type: 'pushed', name: 'sessions' },
      perInstance: 100,
      windowSec: 60,
      breachesIn: 1,
    },
  ],
  scaleOut: { cooldownSec: 0 },
  scaleIn: { cooldownSec: 0, stabilizationSec: 0 },
};

/** The demo farm with only its web tier: 1 to 3 servers, scaled by SCALING. */
async function scalingWeb(farm: TestFarm): Promise<string> {
  const current = await farm.api.get(`/v1/farms/${farm.farmId}`);
  const { name, description, leaseExpiresAt, farmRoles } = current.body;
  const web = farmRoles.find((fr: { alias: string }) => fr.alias === 'web');
  const spec = {
    name,
    description,
    leaseExpiresAt,
    farmRoles: [{ ...web, minInstances: 1, maxInstances: 3, scaling: SCALING }],
  };
  const res = await farm.api.put(`/v1/farms/${farm.farmId}`, spec, {
    'if-match': current.headers.get('etag')!,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return web.id;
}

const setLoad = (key: string, cpuPercent: number) => {
  for (const sandbox of rt.sandboxes.all()) sandbox.load.set({ key, cpuPercent });
};

async function scaling(farm: TestFarm): Promise<FarmRoleScaling> {
  const res = await farm.api.get(`/v1/farms/${farm.farmId}/farm-roles/web/scaling`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const webCount = async (farm: TestFarm) => {
  const snap = await untilConverged(farm.api, farm.farmId);
  return liveServers(snap.servers, 'web').length;
};

describe('a farm role scaled by its agents’ CPU and a pushed metric', () => {
  it('scales out to max under load, holds while a rule disagrees, and scales in when every rule agrees', async () => {
    const farm = await newDemoFarm(rt, 'scaling');
    const webId = await scalingWeb(farm);
    await launch(farm);
    expect(await webCount(farm)).toBe(1);
    const push = (sessions: number) =>
      farm.api.post(`/v1/farms/${farm.farmId}/farm-roles/web/metrics`, { metrics: { sessions } });

    // Load: 150% of one server's CPU. One server at 100% asks for 2, two at 75% for 3 (max).
    setLoad(webId, 150);
    expect((await push(50)).status).toBe(202);
    await expect.poll(() => webCount(farm), { timeout: 60_000, interval: 500 }).toBe(3);
    const out = await scaling(farm);
    const outs = out.changes.filter((d) => d.direction === 'out');
    expect(outs.length).toBeGreaterThanOrEqual(1);
    expect(outs.every((d) => d.rules.find((r) => r.rule === 'cpu')!.vote === 'out')).toBe(true);
    expect(out.changes[0]!.desired).toBe(3);

    // The load goes; but 250 sessions want 3 servers: cpu votes in, sessions holds, so 3 stay.
    setLoad(webId, 20);
    expect((await push(250)).status).toBe(202);
    await expect
      .poll(
        async () => {
          const { current } = await scaling(farm);
          const vote = (name: string) => current?.rules.find((r) => r.rule === name)?.vote;
          return `${vote('cpu')} ${vote('sessions')} ${current?.desired}`;
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .toBe('in hold 3');
    expect(await webCount(farm)).toBe(3);

    // Sessions drop too: every rule agrees, and the farm role goes back to 1, a step at a time.
    expect((await push(50)).status).toBe(202);
    await expect
      .poll(
        async () => {
          await push(50);
          return webCount(farm);
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .toBe(1);
    const back = await scaling(farm);
    const ins = back.changes.filter((d) => d.direction === 'in');
    expect(ins.length).toBeGreaterThanOrEqual(1);
    for (const d of ins) expect(d.rules.map((r) => r.vote)).toEqual(['in', 'in']);

    const events = await farm.api.get(`/v1/farms/${farm.farmId}/events?limit=200`);
    const named = (n: string) =>
      events.body.items.filter(
        (e: { name: string; payload: { decision?: unknown } }) => e.name === n && e.payload.decision,
      );
    expect(named('ScaleOut').length).toBeGreaterThanOrEqual(1);
    expect(named('ScaleIn').length).toBeGreaterThanOrEqual(1);
    expect(named('ScaleIn')[0].payload.decision.direction).toBe('in');
    await expectCloudMatchesRecords(rt, farm);
  }, 240_000);
});
