// Races and crashes: many reconciles of one farm at once, and a reconcile that dies between
// the launch call and the record update. Whatever the interleaving, the clouds end up running
// exactly the desired instances, each launched once, each claimed by its record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservedInstance } from '../../../functions/domain/clouds/observed-instance';
import type { ReconcileDeps } from '../../../functions/services/reconcile/deps';
import { reconcileFarm } from '../../../functions/services/reconcile/reconcile-farm';
import type { LocalRuntime } from '../../../local/runtime';
import { farmSnapshot, untilConverged, untilFarm } from '../../support/converge';
import {
  convergesUnderConcurrentPasses,
  dyingAfterLaunch,
  markLaunching,
  refOf,
  withDriver,
} from './chaos-scenarios';
import {
  expectCloudMatchesRecords,
  FAST_TIMINGS,
  instancesOf,
  liveServers,
  newDemoFarm,
  startReconcileRuntime,
} from './reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterAll(() => rt?.stop());

describe('concurrent reconciles of one farm', () => {
  it('launch exactly the desired instances when 20 passes run at once, round after round', async () => {
    const farm = await newDemoFarm(rt, 'twenty');
    await convergesUnderConcurrentPasses(rt, farm, [rt.sandboxes.ec2, rt.sandboxes.gce], 3);
  });
});

describe('a reconcile that dies between the launch call and the record update', () => {
  /** Launches at the cloud, then dies before the applier can record the instance. */
  const dying = () => dyingAfterLaunch(rt);

  it('is completed by the next passes: the re-launch with the same client token returns the same instance', async () => {
    const farm = await newDemoFarm(rt, 'aborted-relaunch');
    await markLaunching(rt, farm);
    // Slow boots keep the agents quiet until the re-launch is done (they report once running).
    rt.sandboxes.ec2.setTimings({ bootMs: 3_000 });
    const runBefore = rt.sandboxes.ec2.callCounts().RunInstances ?? 0;
    let firstInstances: string[];
    try {
      await reconcileFarm(dying(), refOf(farm));
      const after = await farmSnapshot(farm.api, farm.farmId);
      const web = liveServers(after.servers, 'web');
      expect(web.map((s) => [s.status, s.instanceId])).toEqual([
        ['Pending Launch', null],
        ['Pending Launch', null],
      ]);
      firstInstances = instancesOf(rt, farm.farmId).map((i) => i.instanceId);
      expect(firstInstances).toHaveLength(2);

      // EC2 lists are eventually consistent: passes that do not see the new instances yet
      // must launch again with the same client token, and get the same instances back.
      const hidden = new Set(firstInstances);
      const lagging: ReconcileDeps = {
        ...rt.deps,
        planOptions: { ...rt.deps.planOptions, retryAfterMs: 100 },
        drivers: withDriver((driver) => ({
          listInstances: async (region, filter) =>
            (await driver.listInstances(region, filter)).filter(
              (i: ObservedInstance) => !hidden.has(i.instanceId),
            ),
        })),
      };
      await new Promise((resolve) => setTimeout(resolve, 150));
      await reconcileFarm(lagging, refOf(farm));
      const relaunched = liveServers((await farmSnapshot(farm.api, farm.farmId)).servers, 'web');
      expect(relaunched.map((s) => s.status)).toEqual(['Pending', 'Pending']);
      expect(relaunched.map((s) => s.instanceId).sort()).toEqual([...firstInstances].sort());
      expect((rt.sandboxes.ec2.callCounts().RunInstances ?? 0) - runBefore).toBe(4);
    } finally {
      rt.sandboxes.ec2.setTimings({ bootMs: FAST_TIMINGS.bootMs });
    }

    await rt.deps.scheduler.ensure(refOf(farm));
    rt.reconciler.request(refOf(farm), 'test');
    await untilConverged(farm.api, farm.farmId);
    const servers = await expectCloudMatchesRecords(rt, farm);
    expect(servers).toHaveLength(3);
    expect(instancesOf(rt, farm.farmId)).toHaveLength(3);
    expect(
      liveServers(servers, 'web')
        .map((s) => s.instanceId)
        .sort(),
    ).toEqual([...firstInstances].sort());
  });

  it('is completed even when the agents report HostUp before any pass records the instances', async () => {
    const farm = await newDemoFarm(rt, 'aborted-agent-first');
    await markLaunching(rt, farm);
    await reconcileFarm(dying(), refOf(farm));
    const launched = instancesOf(rt, farm.farmId).map((i) => i.instanceId);
    expect(launched).toHaveLength(2);
    // The agents boot and report: their servers run, though no pass recorded an instance id.
    await untilFarm(farm.api, farm.farmId, 'heard HostUp from both web agents', (snap) =>
      liveServers(snap.servers, 'web').every((s) => s.status === 'Running'),
    );

    await rt.deps.scheduler.ensure(refOf(farm));
    rt.reconciler.request(refOf(farm), 'test');
    await untilConverged(farm.api, farm.farmId);
    const servers = await expectCloudMatchesRecords(rt, farm);
    expect(servers).toHaveLength(3);
    expect(instancesOf(rt, farm.farmId)).toHaveLength(3);
    expect(
      liveServers(servers, 'web')
        .map((s) => s.instanceId)
        .sort(),
    ).toEqual([...launched].sort());
  });
});
