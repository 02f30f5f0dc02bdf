// Observing once per location (functions/services/reconcile/inventory-reads.ts) on the local
// runtime: dynalite, the real SDK drivers, the sandbox clouds over HTTP. A quiet farm reads the
// shared snapshot and makes no list call; a stale snapshot is listed once for every farm of the
// location; a state-change event that never arrives is healed by the next listing; two regions
// of one credentials are two locations, each listed and healed on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../functions/domain/ids';
import type { Farm } from '../../../functions/domain/schemas/farm';
import type { Clock } from '../../../functions/ports/clock';
import type { FarmRef } from '../../../functions/ports/farm-scheduler';
import type { ReconcileDeps } from '../../../functions/services/reconcile/deps';
import { reconcileFarm } from '../../../functions/services/reconcile/reconcile-farm';
import type { BusEvent } from '../../../local/event-bus';
import type { LocalRuntime } from '../../../local/runtime';
import { farmSnapshot, untilConverged, untilFarm } from '../../support/converge';
import {
  expectCloudMatchesRecords,
  launch,
  liveServers,
  newDemoFarm,
  startReconcileRuntime,
  type TestFarm,
} from './reconcile-world';

const INVENTORY_MS = 2_000;
let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime({ inventoryIntervalMs: INVENTORY_MS });
});
afterAll(() => rt?.stop());

const refOf = (farm: TestFarm, farmId = farm.farmId): FarmRef => {
  const ref = { accountId: farm.demo.accountId, farmId };
  if (!made.some((m) => m.farmId === farmId)) made.push(ref);
  return ref;
};
const lists = () => ({
  ec2: rt.sandboxes.ec2.callCounts().DescribeInstances ?? 0,
  gce: rt.sandboxes.gce.callCounts()['instances.aggregatedList'] ?? 0,
});
/** The runtime's ports, with a clock `aheadMs` in the future: the snapshot as old as a test needs. */
const later = (aheadMs: number, intervalMs = 60_000): ReconcileDeps => {
  const clock: Clock = { now: () => new Date(Date.now() + aheadMs) };
  return { ...rt.deps, clock, inventoryTiming: { intervalMs } };
};
/** Every farm this file made: an earlier test's schedule must not list a location in a later one's count. */
const made: FarmRef[] = [];
/** Only this test's passes run: no schedule (of any farm this file made), no event reaches the runner. */
async function quiet(refs: FarmRef[]): Promise<void> {
  rt.bus.route('reconcile', () => {});
  // Twice: a pass still running at the first removal asks for its follow-up when it ends.
  for (let round = 0; round < 2; round++) {
    for (const ref of [...made, ...refs]) await rt.reconciler.remove(ref);
    await rt.reconciler.idle();
  }
}
const deliverEvents = () => rt.bus.route('reconcile', (event) => void rt.reconciler.deliver(event));
/** EC2's state-change notifications are lost; every other event still wakes the farm. */
const loseEc2Events = () =>
  rt.bus.route('reconcile', (event: BusEvent) => {
    if (event.source !== 'aws.ec2') void rt.reconciler.deliver(event);
  });

/** Until the server is Terminated and its replacement Running. */
const untilReplaced = (farm: TestFarm, serverId: string, how: string) =>
  untilFarm(
    farm.api,
    farm.farmId,
    `replaced ${serverId} ${how}`,
    (snap) =>
      snap.servers.find((s) => s.id === serverId)?.status === 'Terminated' &&
      snap.servers.some((s) => s.replacesServerId === serverId && s.status === 'Running'),
    { timeoutMs: 30_000 },
  );

/** `count` more farms in the demo farm's account, each one web server on its AWS credentials and region. */
async function moreFarms(farm: TestFarm, count: number): Promise<FarmRef[]> {
  const base = (await rt.deps.store.farms.get({ accountId: farm.demo.accountId }, farm.farmId))!;
  const web = base.farmRoles.find((fr) => fr.platform === 'aws')!;
  const refs: FarmRef[] = [];
  for (let i = 0; i < count; i++) {
    const created: Farm = {
      ...base,
      id: newId('farm'),
      name: `${base.name}-${i}`,
      status: 'Launching',
      farmRoles: [{ ...web, id: newId('farmRole'), minInstances: 1, maxInstances: 1 }],
      version: 1,
    };
    await rt.deps.store.farms.create(created);
    refs.push(refOf(farm, created.id));
  }
  for (const ref of refs) {
    await rt.deps.scheduler.ensure(ref);
    rt.reconciler.request(ref, 'test');
  }
  return refs;
}

describe('a location observed once for all its farms', () => {
  it('reads a fresh snapshot with no list call, and lists a stale one once for every farm there', async () => {
    const farm = await newDemoFarm(rt, 'inventory-many');
    await launch(farm);
    const refs = [refOf(farm), ...(await moreFarms(farm, 5))];
    for (const ref of refs) await untilConverged(farm.api, ref.farmId, { timeoutMs: 60_000 });
    await quiet(refs);
    // One more pass each, so every farm's last summary says converged (what makes a farm quiet).
    for (const ref of refs) expect((await reconcileFarm(rt.deps, ref)).result).toBe('no-op');

    // Ten minutes on, every slice is stale: six passes at once list the AWS location once.
    const stale = later(10 * 60_000);
    const before = lists();
    const outcomes = await Promise.all(refs.map((ref) => reconcileFarm(stale, ref)));
    expect(outcomes.map((o) => o.result)).toEqual(refs.map(() => 'no-op'));
    expect(lists().ec2 - before.ec2, 'DescribeInstances for six stale farms of one location').toBe(1);
    expect(lists().gce - before.gce, 'one GCE listing for the one farm there').toBe(1);

    // Fresh now: passes read the snapshot and call no cloud at all.
    const fresh = lists();
    for (let round = 0; round < 3; round++) {
      for (const outcome of await Promise.all(refs.map((ref) => reconcileFarm(stale, ref)))) {
        expect(outcome.result).toBe('no-op');
        expect(outcome.summary?.cloudCalls ?? {}).toEqual({});
      }
    }
    expect(lists()).toEqual(fresh);
    for (const ref of refs)
      expect(liveServers((await farmSnapshot(farm.api, ref.farmId)).servers)).not.toEqual([]);
    deliverEvents();
  });

  it('heals a kill whose state-change event was lost, at the next listing of the location', async () => {
    const farm = await newDemoFarm(rt, 'inventory-lost-event');
    refOf(farm); // so that a later test's quiet() stops its schedule
    await launch(farm);
    const converged = await untilConverged(farm.api, farm.farmId, { timeoutMs: 60_000 });
    loseEc2Events();
    try {
      // Quiet: the schedule's passes read the snapshot, which only a listing can correct now.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const victim = liveServers(converged.servers, 'web')[0]!;
      const before = lists().ec2;
      expect(rt.sandboxes.ec2.kill(victim.instanceId!)).toBe(true);
      const healed = await untilReplaced(farm, victim.id, 'without its event');
      expect(liveServers(healed.servers, 'web')).toHaveLength(2);
      expect(lists().ec2 - before).toBeGreaterThan(0);
      await untilConverged(farm.api, farm.farmId);
      await expectCloudMatchesRecords(rt, farm);
    } finally {
      deliverEvents();
    }
  });

  it('keeps two regions of one credentials as two locations, each listed once and healed on its own', async () => {
    const farm = await newDemoFarm(rt, 'inventory-two-regions');
    const stored = (await rt.deps.store.farms.get({ accountId: farm.demo.accountId }, farm.farmId))!;
    const web = stored.farmRoles.find((fr) => fr.alias === 'web')!;
    const eu = {
      ...web,
      id: newId('farmRole'),
      alias: 'eu',
      region: 'eu-west-1',
      zones: ['eu-west-1a'],
      minInstances: 1,
      maxInstances: 1,
    };
    await rt.deps.store.farms.update(
      { ...stored, farmRoles: [...stored.farmRoles, eu], version: stored.version + 1 },
      stored.version,
      stored.name,
    );
    await launch(farm);
    await untilConverged(farm.api, farm.farmId, { timeoutMs: 60_000 });
    const ref = refOf(farm);
    await quiet([ref]);
    expect((await reconcileFarm(rt.deps, ref)).result).toBe('no-op');

    // Past the interval: one pass lists each location once, EC2's two regions apart.
    await new Promise((resolve) => setTimeout(resolve, INVENTORY_MS + 200));
    const before = lists();
    expect((await reconcileFarm(rt.deps, ref)).result).toBe('no-op');
    expect(lists().ec2 - before.ec2, 'one DescribeInstances per region').toBe(2);
    expect(lists().gce - before.gce).toBe(1);
    const at = (region: string) => ({
      accountId: ref.accountId,
      platform: 'aws' as const,
      credentialsId: web.credentialsId,
      region,
    });
    const east = await rt.deps.store.inventory.read(at('us-east-1'), farm.farmId);
    const west = await rt.deps.store.inventory.read(at('eu-west-1'), farm.farmId);
    expect(east.slice.instances.map((i) => i.region)).toEqual(['us-east-1', 'us-east-1']);
    expect(west.slice.instances.map((i) => i.region)).toEqual(['eu-west-1']);

    // The EU instance dies and its event is lost: the EU listing heals it, the US slice stays as it was.
    loseEc2Events();
    try {
      await rt.deps.scheduler.ensure(ref);
      const victim = liveServers((await farmSnapshot(farm.api, farm.farmId)).servers, 'eu')[0]!;
      expect(rt.sandboxes.ec2.kill(victim.instanceId!)).toBe(true);
      await untilReplaced(farm, victim.id, 'in the EU without its event');
      const settled = await untilConverged(farm.api, farm.farmId);
      expect(
        liveServers(settled.servers, 'web')
          .map((s) => s.instanceId)
          .sort(),
      ).toEqual(east.slice.instances.map((i) => i.instanceId).sort());
      await expectCloudMatchesRecords(rt, farm);
    } finally {
      deliverEvents();
    }
  });
});
