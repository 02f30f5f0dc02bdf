// Spec changes on a running farm: the web farm role goes from 3 to 8 to 2 servers through PUT
// with If-Match, and the farm converges each time. While it converges, the server list and
// the cloud are sampled: no farm role ever has more than maxInstances live servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DROVER_TAG_KEYS } from '../../../functions/domain/clouds/launch-spec';
import type { Server } from '../../../functions/domain/schemas/server';
import type { LocalRuntime } from '../../../local/runtime';
import { type FarmSnapshot, untilConverged } from '../../support/converge';
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

/** Servers that hold a maxInstances slot (ARCHITECTURE: Pending Terminate and Failed do not). */
const SLOT_HOLDERS = new Set<Server['status']>(['Pending Launch', 'Pending', 'Initializing', 'Running']);

async function putWeb(farm: TestFarm, minInstances: number, maxInstances: number): Promise<void> {
  const current = await farm.api.get(`/v1/farms/${farm.farmId}`);
  const { name, description, leaseExpiresAt, farmRoles } = current.body;
  const spec = {
    name,
    description,
    leaseExpiresAt,
    farmRoles: farmRoles.map((fr: { alias: string }) =>
      fr.alias === 'web' ? { ...fr, minInstances, maxInstances } : fr,
    ),
  };
  const stale = await farm.api.put(`/v1/farms/${farm.farmId}`, spec, {
    'if-match': `"${current.body.version - 1}"`,
  });
  expect(stale.status).toBe(412);
  const res = await farm.api.put(`/v1/farms/${farm.farmId}`, spec, {
    'if-match': current.headers.get('etag')!,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('changing a running farm role’s server count', () => {
  it('converges on 3, then 8, then 2 web servers, never above maxInstances', async () => {
    const farm = await newDemoFarm(rt, 'spec-change');
    await launch(farm);
    await untilConverged(farm.api, farm.farmId);
    const webRoleId = (await farm.api.get(`/v1/farms/${farm.farmId}`)).body.farmRoles.find(
      (fr: { alias: string }) => fr.alias === 'web',
    ).id;

    const peaks = { records: 0, instances: 0 };
    const sample = (snapshot: FarmSnapshot) => {
      const holders = snapshot.servers.filter((s) => s.farmRoleAlias === 'web' && SLOT_HOLDERS.has(s.status));
      const running = liveInstancesOf(rt, farm.farmId).filter(
        (i) => i.tags[DROVER_TAG_KEYS.farmRoleId] === webRoleId,
      );
      peaks.records = Math.max(peaks.records, holders.length);
      peaks.instances = Math.max(peaks.instances, running.length);
    };

    // maxInstances stays 8 throughout, so every sample is held to the same bound.
    for (const count of [3, 8, 2]) {
      await putWeb(farm, count, 8);
      const { servers } = await untilConverged(farm.api, farm.farmId, {
        timeoutMs: 30_000,
        intervalMs: 50,
        onSnapshot: sample,
      });
      expect(liveServers(servers, 'web'), `web after the change to ${count}`).toHaveLength(count);
      expect(liveServers(servers, 'worker')).toHaveLength(1);
      expect(liveInstancesOf(rt, farm.farmId)).toHaveLength(count + 1);
      await expectCloudMatchesRecords(rt, farm);
    }
    expect(peaks.records).toBe(8);
    expect(peaks.instances).toBe(8);

    // Scale-in takes the newest first: the servers left are the two oldest, indexes 1 and 2.
    const { servers } = await untilConverged(farm.api, farm.farmId);
    expect(
      liveServers(servers, 'web')
        .map((s) => s.index)
        .sort(),
    ).toEqual([1, 2]);
  });

  it('never has more than maxInstances live servers when max shrinks below what runs', async () => {
    const farm = await newDemoFarm(rt, 'spec-shrink');
    await launch(farm);
    await untilConverged(farm.api, farm.farmId);
    await putWeb(farm, 4, 4);
    await untilConverged(farm.api, farm.farmId, { timeoutMs: 30_000 });

    // From 4 running to min 1 max 1: the pass must free the slots before anything else.
    let launchedDuringScaleIn = 0;
    const before = new Set((await untilConverged(farm.api, farm.farmId)).servers.map((s) => s.id));
    await putWeb(farm, 1, 1);
    const { servers } = await untilConverged(farm.api, farm.farmId, {
      timeoutMs: 30_000,
      intervalMs: 50,
      onSnapshot: (snap) => {
        launchedDuringScaleIn = snap.servers.filter((s) => !before.has(s.id)).length;
      },
    });
    expect(launchedDuringScaleIn).toBe(0);
    expect(liveServers(servers, 'web')).toHaveLength(1);
    expect(liveInstancesOf(rt, farm.farmId)).toHaveLength(2);
    await expectCloudMatchesRecords(rt, farm);
  });
});
