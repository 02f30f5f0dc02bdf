// A farm's life with nobody acting but the reconciler: launched in launch order, healed when
// the clouds lose instances behind its back, terminated gracefully down to zero instances.
// Real dynalite, the real SDK drivers against the sandbox clouds over HTTP, the local bus and
// scheduler: the passes run exactly as `npm start` runs them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { untilConverged, untilFarm } from '../../support/converge';
import {
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
afterAll(() => rt?.stop());

async function eventNames(farm: TestFarm): Promise<{ name: string; serverId?: string; at: string }[]> {
  const res = await farm.api.get(`/v1/farms/${farm.farmId}/events?limit=200`);
  expect(res.status).toBe(200);
  return res.body.items;
}

describe('a farm launched, healed and terminated by the reconciler', () => {
  let farm: TestFarm;

  it('launches every farm role to its desired count, in launch order, and says converged', async () => {
    farm = await newDemoFarm(rt, 'launch');
    await launch(farm);
    const { status, servers } = await untilConverged(farm.api, farm.farmId);

    expect(status.status).toBe('Running');
    expect(status.convergence).toBe('converged');
    const web = liveServers(servers, 'web');
    const worker = liveServers(servers, 'worker');
    expect(web.map((s) => s.status)).toEqual(['Running', 'Running']);
    expect(worker.map((s) => s.status)).toEqual(['Running']);
    expect(servers).toHaveLength(3);
    expect(web.map((s) => s.index)).toEqual([1, 2]);
    expect(worker.map((s) => s.index)).toEqual([1]);

    // Launch order: the GCE worker (order 1) is launched only once both web servers run. A pass
    // stamps its records with the time it started, so compare with the cloud's own clock.
    const webUp = Math.max(...web.map((s) => Date.parse(s.timestamps.Running!)));
    const workerInstance = rt.sandboxes.gce.instances().find((i) => i.instanceId === worker[0]!.instanceId);
    expect(Date.parse(workerInstance!.launchedAt)).toBeGreaterThanOrEqual(webUp);

    const events = await eventNames(farm);
    expect(events.filter((e) => e.name === 'FarmLaunched')).toHaveLength(1);
    const hostUps = events.filter((e) => e.name === 'HostUp').map((e) => e.serverId);
    expect(hostUps.sort()).toEqual(servers.map((s) => s.id).sort());

    expect(liveInstancesOf(rt, farm.farmId)).toHaveLength(3);
    await expectCloudMatchesRecords(rt, farm);
  });

  it('replaces instances killed in the clouds without anyone acting', async () => {
    const before = await untilConverged(farm.api, farm.farmId);
    const web1 = liveServers(before.servers, 'web')[0]!;
    const worker1 = liveServers(before.servers, 'worker')[0]!;
    expect(rt.sandboxes.ec2.kill(web1.instanceId!)).toBe(true);
    expect(rt.sandboxes.gce.kill(worker1.instanceId!)).toBe(true);

    const after = await untilFarm(
      farm.api,
      farm.farmId,
      'replaced both killed servers',
      (snap) =>
        snap.servers.find((s) => s.id === web1.id)?.status === 'Terminated' &&
        snap.servers.find((s) => s.id === worker1.id)?.status === 'Terminated' &&
        liveServers(snap.servers).every((s) => s.status === 'Running') &&
        liveServers(snap.servers, 'web').length === 2 &&
        liveServers(snap.servers, 'worker').length === 1,
    );
    const replacements = liveServers(after.servers).filter((s) => s.replacesServerId);
    expect(replacements.map((s) => s.replacesServerId).sort()).toEqual([web1.id, worker1.id].sort());
    expect(replacements.find((s) => s.replacesServerId === web1.id)?.index).toBe(web1.index);

    const events = await eventNames(farm);
    const replaced = events.filter((e) => e.name === 'ServerReplaced').map((e) => e.serverId);
    expect(replaced.sort()).toEqual(replacements.map((s) => s.id).sort());
    const downs = events.filter((e) => e.name === 'HostDown').map((e) => e.serverId);
    expect(downs.sort()).toEqual([web1.id, worker1.id].sort());

    expect(liveInstancesOf(rt, farm.farmId)).toHaveLength(3);
    expect(after.servers).toHaveLength(5);
    await expectCloudMatchesRecords(rt, farm);
    await untilConverged(farm.api, farm.farmId);
  });

  it('terminates gracefully: BeforeHostTerminate then HostDown per server, no instance left, schedule removed', async () => {
    const before = await untilConverged(farm.api, farm.farmId);
    const live = liveServers(before.servers).map((s) => s.id);
    const res = await farm.api.post(`/v1/farms/${farm.farmId}/terminate`);
    expect(res.status).toBe(202);

    const after = await untilFarm(
      farm.api,
      farm.farmId,
      'terminated',
      (snap) => snap.status.status === 'Terminated',
    );
    expect(after.status.convergence).toBe('stopped');
    expect(after.servers.every((s) => s.status === 'Terminated')).toBe(true);
    expect(liveInstancesOf(rt, farm.farmId)).toEqual([]);

    const events = (await eventNames(farm)).reverse(); // oldest first
    for (const serverId of live) {
      const mine = events.filter((e) => e.serverId === serverId).map((e) => e.name);
      const before = mine.lastIndexOf('BeforeHostTerminate');
      expect(before, `${serverId}: ${mine.join(' → ')}`).toBeGreaterThanOrEqual(0);
      expect(mine.indexOf('HostDown', before), `${serverId}: ${mine.join(' → ')}`).toBeGreaterThan(before);
    }
    expect(events.filter((e) => e.name === 'FarmTerminated')).toHaveLength(1);

    await rt.reconciler.idle();
    expect(rt.reconciler.hasSchedule(farm.farmId)).toBe(false);
  });
});
