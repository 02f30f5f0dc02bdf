// The chaos suite on the private clouds (OpenStack, CloudStack), the scenarios EC2 and GCE run in
// chaos.test.ts and races.test.ts (chaos-scenarios.ts): bad weather with lost create answers,
// 20 reconcile passes at once, and a pass that dies between the launch call and the record update.
// Neither cloud has a client token: every scenario rests on the driver naming each VM after its
// Drover server id and adopting the VM it finds by that name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileFarm } from '../../../functions/services/reconcile/reconcile-farm';
import type { LocalRuntime } from '../../../local/runtime';
import { farmSnapshot, untilConverged } from '../../support/converge';
import {
  convergesInWeather,
  convergesUnderConcurrentPasses,
  dyingAfterLaunch,
  markLaunching,
  refOf,
} from './chaos-scenarios';
import { PRIVATE_CLOUDS } from './private-cloud-farms';
import {
  duplicateLaunches,
  expectCloudMatchesRecords,
  instancesOf,
  liveServers,
  startReconcileRuntime,
} from './reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterAll(() => rt?.stop());

describe.each(PRIVATE_CLOUDS)('a farm role on $name', (cloud) => {
  it('launches under 30 % throttling, 10 % 5xx and lost create answers, heals a kill, with 0 duplicates and 0 orphans', async () => {
    const farm = await cloud.newFarm(rt, 'weather');
    const sandbox = cloud.sandbox(rt);
    sandbox.loseResponses(cloud.createCall, 2);
    await convergesInWeather(rt, farm, {
      clouds: [sandbox],
      victim: { alias: 'app', cloud: sandbox },
      live: 2,
    });
  });

  it('launches exactly the desired instances when 20 passes run at once, round after round', async () => {
    const farm = await cloud.newFarm(rt, 'twenty');
    await convergesUnderConcurrentPasses(rt, farm, [cloud.sandbox(rt)], 2);
  });

  it('completes a pass that died after its launch calls: the next passes claim the VMs it made', async () => {
    const farm = await cloud.newFarm(rt, 'died');
    await markLaunching(rt, farm);
    await reconcileFarm(dyingAfterLaunch(rt), refOf(farm));
    // No pass recorded an instance (the agents may already have said HostInit from the VMs).
    const after = await farmSnapshot(farm.api, farm.farmId);
    expect(liveServers(after.servers, 'app').map((s) => s.instanceId)).toEqual([null, null]);
    const first = instancesOf(rt, farm.farmId).map((i) => i.instanceId);
    expect(first).toHaveLength(2);

    await rt.deps.scheduler.ensure(refOf(farm));
    rt.reconciler.request(refOf(farm), 'test');
    const { servers } = await untilConverged(farm.api, farm.farmId, { timeoutMs: 30_000 });
    expect(
      liveServers(servers, 'app')
        .map((s) => s.instanceId)
        .sort(),
    ).toEqual([...first].sort());
    expect(instancesOf(rt, farm.farmId)).toHaveLength(2);
    expect(duplicateLaunches(instancesOf(rt, farm.farmId))).toEqual([]);
    await expectCloudMatchesRecords(rt, farm);
  });
});
