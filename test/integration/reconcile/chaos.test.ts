// Flaky clouds: both sandboxes throttle 30 % of calls and fail 10 % with a 5xx. The drivers'
// retries and the reconciler's passes must still converge — launch, heal a kill — without a
// duplicate launch, and leave no orphan once the weather clears.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { untilConverged, untilFarm } from '../../support/converge';
import {
  expectCloudMatchesRecords,
  FAST_PLAN,
  instancesOf,
  launch,
  liveInstancesOf,
  liveServers,
  newDemoFarm,
  startReconcileRuntime,
} from './reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterAll(() => rt?.stop());

const CHAOS = { throttleShare: 0.3, errorShare: 0.1 };

describe('a farm on clouds that throttle 30 % and fail 10 % of calls', () => {
  it('launches, heals a killed instance, and ends with no duplicate and no orphan', async () => {
    const farm = await newDemoFarm(rt, 'chaos');
    rt.sandboxes.ec2.setFaults(CHAOS);
    rt.sandboxes.gce.setFaults(CHAOS);
    try {
      await launch(farm);
      const launched = await untilConverged(farm.api, farm.farmId, { timeoutMs: 60_000 });
      expect(liveServers(launched.servers)).toHaveLength(3);

      const victim = liveServers(launched.servers, 'web')[0]!;
      expect(rt.sandboxes.ec2.kill(victim.instanceId!)).toBe(true);
      const healed = await untilFarm(
        farm.api,
        farm.farmId,
        'replaced the killed server under faults',
        (snap) =>
          snap.servers.find((s) => s.id === victim.id)?.status === 'Terminated' &&
          snap.servers.some((s) => s.replacesServerId === victim.id && s.status === 'Running'),
        { timeoutMs: 60_000 },
      );
      expect(liveServers(healed.servers, 'web')).toHaveLength(2);
      expect(rt.sandboxes.ec2.callCounts().RunInstances).toBeGreaterThan(0);
      await expectCloudMatchesRecords(rt, farm);
    } finally {
      rt.sandboxes.ec2.clearFaults();
      rt.sandboxes.gce.clearFaults();
    }

    // Fair weather, past the orphan grace: an orphan left by a lost response would be gone by now,
    // and nothing the reconciler does may change the count.
    await new Promise((resolve) => setTimeout(resolve, FAST_PLAN.orphanGraceMs + 500));
    const settled = await untilConverged(farm.api, farm.farmId);
    expect(liveServers(settled.servers)).toHaveLength(3);
    expect(liveInstancesOf(rt, farm.farmId)).toHaveLength(3);
    // Four servers ever (three, plus one replacement), one instance each.
    expect(settled.servers).toHaveLength(4);
    expect(instancesOf(rt, farm.farmId)).toHaveLength(4);
    await expectCloudMatchesRecords(rt, farm);
    const events = await farm.api.get(`/v1/farms/${farm.farmId}/events?limit=200`);
    expect(events.body.items.filter((e: { name: string }) => e.name === 'OrphanTerminated')).toEqual([]);
  });
});
