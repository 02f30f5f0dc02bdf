// Insufficient capacity on the private clouds, as capacity.test.ts has it on EC2: a launch the cloud
// refuses — OpenStack's scheduler finding "No valid host", a CloudStack deploy job failing with 533,
// an OpenStack project at its instance quota (Nova's 403) — moves to the farm role's next placement
// (OpenStack's other zone, CloudStack's fallback offering); when every placement is refused the farm
// says `degraded`, naming capacity, keeps what it has, and converges once capacity returns — with no
// duplicate launch and no orphan (a refused VM is removed, not left in ERROR).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { farmSnapshot, untilConverged, untilFarm } from '../../support/converge';
import { untaggedLive } from './chaos-scenarios';
import { OPENSTACK, PRIVATE_CLOUDS } from './private-cloud-farms';
import {
  changeFarmRole,
  expectCloudMatchesRecords,
  launch,
  liveInstancesOf,
  liveServers,
  startReconcileRuntime,
  type TestFarm,
} from './reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterAll(() => rt?.stop());

/** Degraded for lack of capacity with `running` servers kept, then converged to `recovered` once `restore` runs. */
async function degradedThenRecovered(farm: TestFarm, running: number, restore: () => void): Promise<void> {
  const degraded = await untilFarm(
    farm.api,
    farm.farmId,
    'said degraded for lack of capacity',
    (snap) => snap.status.convergence === 'degraded',
  );
  expect(degraded.status.reasons.join('\n')).toMatch(/capacity/i);
  expect(liveServers(degraded.servers, 'app').filter((s) => s.status === 'Running')).toHaveLength(running);
  expect(liveInstancesOf(rt, farm.farmId)).toHaveLength(running);

  restore();
  const { servers } = await untilConverged(farm.api, farm.farmId, { timeoutMs: 30_000 });
  expect(liveServers(servers, 'app')).toHaveLength(running + 1);
  expect((await farmSnapshot(farm.api, farm.farmId)).status.reasons).toEqual([]);
  await expectCloudMatchesRecords(rt, farm);
}

describe.each(PRIVATE_CLOUDS)('a farm role on $name without capacity', (cloud) => {
  let farm: TestFarm;

  it('launches its servers on the placement that has capacity', async () => {
    const sandbox = cloud.sandbox(rt);
    farm = await cloud.newFarm(rt, 'capacity', cloud.capacity.fallback);
    sandbox.setFaults({ capacity: cloud.capacity.first });
    try {
      await launch(farm);
      const { servers } = await untilConverged(farm.api, farm.farmId, { timeoutMs: 30_000 });
      const app = liveServers(servers, 'app');
      expect(app).toHaveLength(2);
      expect(app.every(cloud.capacity.landed), JSON.stringify(app)).toBe(true);
      // Each refused launch left a record that ended without an instance, and no VM behind.
      const refused = servers.filter((s) => !cloud.capacity.landed(s));
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((s) => s.instanceId === null)).toBe(true);
      expect(liveInstancesOf(rt, farm.farmId)).toHaveLength(2);
      expect(untaggedLive(sandbox)).toEqual([]);
      await expectCloudMatchesRecords(rt, farm);
    } finally {
      sandbox.clearFaults();
    }
  });

  it('is degraded, naming capacity, when every placement is refused; recovers when capacity returns', async () => {
    const sandbox = cloud.sandbox(rt);
    sandbox.setFaults({ capacity: cloud.capacity.everywhere });
    try {
      await changeFarmRole(farm, 'app', { minInstances: 3 });
      await degradedThenRecovered(farm, 2, () => sandbox.clearFaults());
    } finally {
      sandbox.clearFaults();
    }
  });
});

describe('an OpenStack project at its instance quota', () => {
  it('is degraded, naming capacity, while Nova refuses past the quota; recovers when it is raised', async () => {
    const openstack = rt.sandboxes.openstack;
    const farm = await OPENSTACK.newFarm(rt, 'quota');
    await launch(farm);
    await untilConverged(farm.api, farm.farmId, { timeoutMs: 30_000 });
    // Every demo account here shares the sandbox's `demo` project: its quota is what it holds now.
    const held = openstack.instances().filter((i) => i.region === 'RegionOne' && i.state !== 'terminated');
    openstack.setInstanceQuota(held.length);
    try {
      await changeFarmRole(farm, 'app', { minInstances: 3 });
      await degradedThenRecovered(farm, 2, () => openstack.setInstanceQuota());
    } finally {
      openstack.setInstanceQuota();
    }
  });
});
