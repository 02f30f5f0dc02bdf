// npm start's demo-scaling farm: seeded with its CPU target rule, launched, and the load README
// "Scaling" sets over HTTP (PUT /_sandbox/load on the EC2 sandbox, keyed by the farm role's
// `load` tag) comes back as the agents' cpuPercent samples its rule reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { DEMO_LOAD_KEY } from '../../../local/seed-scaling-farm';
import { apiClient } from '../../support/api-client';
import { FAST_AGENT, startReconcileRuntime } from '../reconcile/reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime({
    demoScalingFarm: true,
    agent: { ...FAST_AGENT, metricsIntervalMs: 1_000 },
  });
});
afterAll(() => rt?.stop());

describe('the demo-scaling farm', () => {
  it('is seeded with a CPU target rule, and its servers report the load set on the sandbox', async () => {
    const farmId = rt.demo.scalingFarmId!;
    const api = apiClient(rt.apiUrl, rt.demo.token);
    const farm = (await api.get(`/v1/farms/${farmId}`)).body;
    expect(farm.name).toBe('demo-scaling');
    expect(farm.farmRoles[0].scaling.rules[0]).toMatchObject({ mode: 'target', target: 60 });

    const load = await fetch(`${rt.endpoints.ec2}/_sandbox/load`, {
      method: 'PUT',
      body: JSON.stringify({ key: DEMO_LOAD_KEY, cpuPercent: 180 }),
    });
    expect(load.status).toBe(200);
    expect(await load.json()).toEqual({ [DEMO_LOAD_KEY]: 180 });
    expect((await api.post(`/v1/farms/${farmId}/launch`)).status).toBe(202);

    // One server carries all 180 %: it reports 100 % (a server is never busier than that).
    const cpuSamples = async () =>
      (
        await rt.deps.store.metricSamples.list(
          { accountId: rt.demo.accountId, farmId },
          { kind: 'servers' },
          { fromMs: Date.now() - 60_000, toMs: Date.now() },
        )
      ).map((s) => s.values.cpuPercent);
    await expect.poll(cpuSamples, { timeout: 30_000, interval: 500 }).toContain(100);
  });
});
