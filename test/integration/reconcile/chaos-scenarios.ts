// The chaos scenarios every cloud's farm runs (chaos.test.ts and races.test.ts on EC2 and GCE,
// private-cloud-chaos.test.ts on OpenStack and CloudStack): bad weather (throttling and 5xx) with
// a kill to heal, many reconcile passes at once, and a pass that dies between the launch call and
// the record update — each ending with the clouds running exactly the desired instances, each
// launched once and claimed by its record.
import { expect } from 'vitest';
import { createCloudDriverFactory } from '../../../functions/adapters/clouds/driver-factory';
import { createDnsResolver } from '../../../functions/adapters/egress/dns-resolver';
import { DROVER_TAG_KEYS } from '../../../functions/domain/clouds/launch-spec';
import type { CloudDriver, CloudDriverFactory } from '../../../functions/ports/cloud-driver';
import { OPEN_EGRESS } from '../../../functions/services/egress/egress-policy';
import type { ReconcileDeps } from '../../../functions/services/reconcile/deps';
import { type ReconcileOutcome, reconcileFarm } from '../../../functions/services/reconcile/reconcile-farm';
import type { LocalRuntime } from '../../../local/runtime';
import type { SandboxCloud } from '../../../sandbox/core/sandbox-cloud';
import { farmSnapshot, isConverged, until, untilConverged, untilFarm } from '../../support/converge';
import {
  duplicateLaunches,
  expectCloudMatchesRecords,
  FAST_PLAN,
  instancesOf,
  launch,
  liveInstancesOf,
  liveServers,
  type TestFarm,
} from './reconcile-world';

export const CHAOS = { throttleShare: 0.3, errorShare: 0.1 };

type Faultable = Pick<SandboxCloud, 'setFaults' | 'clearFaults' | 'instances'>;

export const refOf = (farm: TestFarm) => ({ accountId: farm.demo.accountId, farmId: farm.farmId });

export interface WeatherCase {
  /** The clouds that throttle 30 % and fail 10 % of calls while the farm launches and heals. */
  clouds: Faultable[];
  /** Where the instance removed behind Drover's back runs: its farm role and its cloud. */
  victim: { alias: string; cloud: Pick<SandboxCloud, 'kill'> };
  /** How many servers the farm runs once converged. */
  live: number;
}

/** Live instances without Drover's tags: orphans no observation can find (a lost create answer never adopted). */
export const untaggedLive = (cloud: Pick<SandboxCloud, 'instances'>) =>
  cloud
    .instances()
    .filter(
      (i) => !i.tags[DROVER_TAG_KEYS.serverId] && i.state !== 'shutting-down' && i.state !== 'terminated',
    )
    .map((i) => `${i.instanceId} ${i.state} ${i.zone}`);

/**
 * Launches under the weather, heals a killed instance, and once the weather clears and the orphan
 * grace has passed: `live` servers with one instance each, `live + 1` instances ever (the
 * replacement: no launch made two), no orphan terminated, and no untagged instance left behind.
 */
export async function convergesInWeather(
  rt: LocalRuntime,
  farm: TestFarm,
  weather: WeatherCase,
): Promise<void> {
  for (const cloud of weather.clouds) cloud.setFaults(CHAOS);
  try {
    await launch(farm);
    const launched = await untilConverged(farm.api, farm.farmId, { timeoutMs: 60_000 });
    expect(liveServers(launched.servers)).toHaveLength(weather.live);

    const victim = liveServers(launched.servers, weather.victim.alias)[0]!;
    expect(weather.victim.cloud.kill(victim.instanceId!)).toBe(true);
    await untilFarm(
      farm.api,
      farm.farmId,
      'replaced the killed server under faults',
      // Its instance recorded too: an agent may report HostUp before a pass has recorded the
      // instance whose launch answer the weather lost (the next pass claims it by its tags).
      (snap) =>
        snap.servers.find((s) => s.id === victim.id)?.status === 'Terminated' &&
        snap.servers.some(
          (s) => s.replacesServerId === victim.id && s.status === 'Running' && s.instanceId !== null,
        ),
      { timeoutMs: 60_000 },
    );
    await expectCloudMatchesRecords(rt, farm);
  } finally {
    for (const cloud of weather.clouds) cloud.clearFaults();
  }

  // Fair weather, past the orphan grace: an orphan left by a lost response would be gone by now,
  // and nothing the reconciler does may change the count.
  await new Promise((resolve) => setTimeout(resolve, FAST_PLAN.orphanGraceMs + 500));
  const settled = await untilConverged(farm.api, farm.farmId);
  expect(liveServers(settled.servers)).toHaveLength(weather.live);
  expect(liveInstancesOf(rt, farm.farmId)).toHaveLength(weather.live);
  expect(instancesOf(rt, farm.farmId), 'instances ever launched for the farm').toHaveLength(weather.live + 1);
  await expectCloudMatchesRecords(rt, farm);
  const events = await farm.api.get(`/v1/farms/${farm.farmId}/events?limit=200`);
  expect(events.body.items.filter((e: { name: string }) => e.name === 'OrphanTerminated')).toEqual([]);
  for (const cloud of weather.clouds) expect(untaggedLive(cloud), 'untagged live instances').toEqual([]);
}

/**
 * Rounds of 20 reconcile passes of one farm at once, on slowed clouds (wider windows between a
 * pass's observation and its actions), until it converges: the lease lets at most one pass a
 * round act, and exactly `live` instances are ever launched.
 */
export async function convergesUnderConcurrentPasses(
  rt: LocalRuntime,
  farm: TestFarm,
  clouds: Faultable[],
  live: number,
): Promise<void> {
  for (const cloud of clouds) cloud.setFaults({ latencyMs: 150 });
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
    for (const cloud of clouds) cloud.clearFaults();
  }
  const launched = instancesOf(rt, farm.farmId);
  expect(launched, 'instances ever launched for the farm').toHaveLength(live);
  expect(duplicateLaunches(launched)).toEqual([]);
  expect(await expectCloudMatchesRecords(rt, farm)).toHaveLength(live);
}

/** Sets the farm Launching straight in the store: no event, no schedule, so only the test's passes run. */
export async function markLaunching(rt: LocalRuntime, farm: TestFarm): Promise<void> {
  const stored = (await rt.deps.store.farms.get({ accountId: farm.demo.accountId }, farm.farmId))!;
  await rt.deps.store.farms.update(
    { ...stored, status: 'Launching', version: stored.version + 1 },
    stored.version,
    stored.name,
  );
}

// Not hosted: the drivers reach the sandbox on loopback as `npm start`'s do.
const createCloudDriver = createCloudDriverFactory({ policy: OPEN_EGRESS, resolver: createDnsResolver() });

/** The real drivers, with one method changed. */
export function withDriver(change: (driver: CloudDriver) => Partial<CloudDriver>): CloudDriverFactory {
  return (credentials) => {
    const driver = createCloudDriver(credentials);
    return Object.assign(Object.create(driver), change(driver)) as CloudDriver;
  };
}

/** The runtime's reconcile deps with drivers that launch at the cloud, then die before the record update. */
export function dyingAfterLaunch(rt: LocalRuntime): ReconcileDeps {
  return {
    ...rt.deps,
    drivers: withDriver((driver) => ({
      launch: async (spec) => {
        await driver.launch(spec);
        throw new Error('the reconcile process died after the launch call');
      },
    })),
  };
}
