// Insufficient capacity: a launch the cloud refuses for lack of capacity moves to the farm
// role's other zones (then fallback instance types); when every placement is refused the farm
// says `degraded`, naming capacity, and keeps what it has until capacity returns (the private
// clouds: private-cloud-capacity.test.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { farmSnapshot, untilConverged, untilFarm } from '../../support/converge';
import {
  changeFarmRole,
  expectCloudMatchesRecords,
  launch,
  liveInstancesOf,
  liveServers,
  newDemoFarm,
  startReconcileRuntime,
  type TestFarm,
} from './reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterEach(() => rt.sandboxes.ec2.clearFaults());
afterAll(() => rt?.stop());

describe('a farm role whose zone has no capacity', () => {
  let farm: TestFarm;

  it('launches its servers in the farm role’s other zone', async () => {
    farm = await newDemoFarm(rt, 'capacity');
    rt.sandboxes.ec2.setFaults({ capacity: [{ zone: 'us-east-1a' }] });
    await launch(farm);
    const { servers } = await untilConverged(farm.api, farm.farmId, { timeoutMs: 30_000 });

    const web = liveServers(servers, 'web');
    expect(web.map((s) => s.zone)).toEqual(['us-east-1b', 'us-east-1b']);
    const webInstances = liveInstancesOf(rt, farm.farmId).filter((i) => i.region === 'us-east-1');
    expect(webInstances.map((i) => i.zone)).toEqual(['us-east-1b', 'us-east-1b']);
    // Each refused launch left a record that ended without an instance.
    const refused = servers.filter((s) => s.farmRoleAlias === 'web' && s.zone === 'us-east-1a');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((s) => s.status === 'Terminated' && s.instanceId === null)).toBe(true);
    await expectCloudMatchesRecords(rt, farm);
  });

  it('is degraded, naming capacity, when every zone and fallback type is refused; recovers when capacity returns', async () => {
    rt.sandboxes.ec2.setFaults({ capacity: [{ zone: 'us-east-1a' }, { zone: 'us-east-1b' }] });
    await changeFarmRole(farm, 'web', { minInstances: 3, fallbackInstanceTypes: ['t3.medium'] });

    const degraded = await untilFarm(
      farm.api,
      farm.farmId,
      'said degraded for lack of capacity',
      (snap) => snap.status.convergence === 'degraded',
    );
    expect(degraded.status.reasons.join('\n')).toMatch(/capacity/i);
    expect(degraded.status.reasons.join('\n')).toContain('t3.small/t3.medium');
    // What runs keeps running; nothing was launched anywhere.
    expect(liveServers(degraded.servers, 'web').filter((s) => s.status === 'Running')).toHaveLength(2);
    expect(liveInstancesOf(rt, farm.farmId)).toHaveLength(3);

    rt.sandboxes.ec2.clearFaults();
    const { servers } = await untilConverged(farm.api, farm.farmId, { timeoutMs: 30_000 });
    expect(liveServers(servers, 'web')).toHaveLength(3);
    expect((await farmSnapshot(farm.api, farm.farmId)).status.reasons).toEqual([]);
    await expectCloudMatchesRecords(rt, farm);
  });
});
