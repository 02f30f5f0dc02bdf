// Races and crashes: many reconciles of one farm at once, and a reconcile that dies between
// the launch call and the record update. Whatever the interleaving, the clouds end up running
// exactly the desired instances, each launched once, each claimed by its record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudDriverFactory } from '../../../functions/adapters/clouds/driver-factory';
import { createDnsResolver } from '../../../functions/adapters/egress/dns-resolver';
import type { ObservedInstance } from '../../../functions/domain/clouds/observed-instance';
import type { CloudDriver, CloudDriverFactory } from '../../../functions/ports/cloud-driver';
import { OPEN_EGRESS } from '../../../functions/services/egress/egress-policy';
import type { ReconcileDeps } from '../../../functions/services/reconcile/deps';
import { type ReconcileOutcome, reconcileFarm } from '../../../functions/services/reconcile/reconcile-farm';
import type { LocalRuntime } from '../../../local/runtime';
import { farmSnapshot, isConverged, until, untilConverged, untilFarm } from '../../support/converge';
import {
  duplicateLaunches,
  expectCloudMatchesRecords,
  FAST_TIMINGS,
  instancesOf,
  launch,
  liveServers,
  newDemoFarm,
  startReconcileRuntime,
  type TestFarm,
} from './reconcile-world';

// Not hosted: the drivers reach the sandbox on loopback as `npm start`'s do.
const createCloudDriver = createCloudDriverFactory({ policy: OPEN_EGRESS, resolver: createDnsResolver() });

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterAll(() => rt?.stop());

const refOf = (farm: TestFarm) => ({ accountId: farm.demo.accountId, farmId: farm.farmId });

/** Sets the farm Launching straight in the store: no event, no schedule, so only this test's passes run. */
async function markLaunching(farm: TestFarm): Promise<void> {
  const stored = (await rt.deps.store.farms.get({ accountId: farm.demo.accountId }, farm.farmId))!;
  await rt.deps.store.farms.update(
    { ...stored, status: 'Launching', version: stored.version + 1 },
    stored.version,
    stored.name,
  );
}

/** The real drivers, with one method changed. */
function withDriver(change: (driver: CloudDriver) => Partial<CloudDriver>): CloudDriverFactory {
  return (credentials) => {
    const driver = createCloudDriver(credentials);
    return Object.assign(Object.create(driver), change(driver)) as CloudDriver;
  };
}

describe('concurrent reconciles of one farm', () => {
  it('launch exactly the desired instances when 20 passes run at once, round after round', async () => {
    const farm = await newDemoFarm(rt, 'twenty');
    // Slow clouds widen every window between a pass's observation and its actions.
    rt.sandboxes.ec2.setFaults({ latencyMs: 150 });
    rt.sandboxes.gce.setFaults({ latencyMs: 150 });
    try {
      await launch(farm);
      const outcomes: ReconcileOutcome[] = [];
      await until(
        'converged under 20 concurrent passes per round',
        async () => {
          const round = await Promise.all(
            Array.from({ length: 20 }, () => reconcileFarm(rt.deps, refOf(farm))),
          );
          outcomes.push(...round);
          // The lease lets at most one pass of a round act (the runner's own pass may hold it instead);
          // a pass that finds nothing to do answers no-op without asking for it (quiet-pass.ts).
          expect(round.filter((o) => o.result === 'applied').length).toBeLessThanOrEqual(1);
          return isConverged(await farmSnapshot(farm.api, farm.farmId));
        },
        { timeoutMs: 30_000, intervalMs: 50 },
      );
      expect(outcomes.filter((o) => o.result === 'failed')).toEqual([]);
      // Of the passes that found work, all but the lease holder of each round answered busy.
      const busy = outcomes.filter((o) => o.result === 'busy').length;
      expect(busy).toBeGreaterThan(outcomes.filter((o) => o.result === 'applied').length);
    } finally {
      rt.sandboxes.ec2.clearFaults();
      rt.sandboxes.gce.clearFaults();
    }

    const launched = instancesOf(rt, farm.farmId);
    expect(launched, 'instances ever launched for the farm').toHaveLength(3);
    expect(duplicateLaunches(launched)).toEqual([]);
    const servers = await expectCloudMatchesRecords(rt, farm);
    expect(servers).toHaveLength(3);
  });
});

describe('a reconcile that dies between the launch call and the record update', () => {
  const died = () => new Error('the reconcile process died after the launch call');
  /** Launches at the cloud, then dies before the applier can record the instance. */
  const dying = (): ReconcileDeps => ({
    ...rt.deps,
    drivers: withDriver((driver) => ({
      launch: async (spec) => {
        await driver.launch(spec);
        throw died();
      },
    })),
  });

  it('is completed by the next passes: the re-launch with the same client token returns the same instance', async () => {
    const farm = await newDemoFarm(rt, 'aborted-relaunch');
    await markLaunching(farm);
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
    await markLaunching(farm);
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
