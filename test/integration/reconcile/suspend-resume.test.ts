// Suspend and resume: the same servers and instances, stopped then started — nothing is
// terminated or launched anew.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { untilConverged, untilFarm } from '../../support/converge';
import {
  expectCloudMatchesRecords,
  instancesOf,
  launch,
  liveServers,
  newDemoFarm,
  startReconcileRuntime,
} from './reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterAll(() => rt?.stop());

describe('suspending and resuming a farm', () => {
  it('stops every instance (servers Suspended), then starts the same ones (servers Running again)', async () => {
    const farm = await newDemoFarm(rt, 'suspend');
    await launch(farm);
    const running = await untilConverged(farm.api, farm.farmId);
    const ids = liveServers(running.servers).map((s) => `${s.id} ${s.instanceId}`);
    expect(ids).toHaveLength(3);

    expect((await farm.api.post(`/v1/farms/${farm.farmId}/suspend`)).status).toBe(202);
    const suspended = await untilFarm(
      farm.api,
      farm.farmId,
      'suspended',
      (snap) => snap.status.status === 'Suspended',
    );
    expect(suspended.status.convergence).toBe('stopped');
    expect(suspended.servers.map((s) => s.status)).toEqual(['Suspended', 'Suspended', 'Suspended']);
    expect(instancesOf(rt, farm.farmId).map((i) => i.state)).toEqual(['stopped', 'stopped', 'stopped']);
    expect(suspended.servers.map((s) => `${s.id} ${s.instanceId}`)).toEqual(ids);

    expect((await farm.api.post(`/v1/farms/${farm.farmId}/resume`)).status).toBe(202);
    const resumed = await untilConverged(farm.api, farm.farmId);
    expect(resumed.servers.map((s) => s.status)).toEqual(['Running', 'Running', 'Running']);
    expect(resumed.servers.map((s) => `${s.id} ${s.instanceId}`)).toEqual(ids);
    expect(instancesOf(rt, farm.farmId).map((i) => i.state)).toEqual(['running', 'running', 'running']);
    await expectCloudMatchesRecords(rt, farm);

    const events = await farm.api.get(`/v1/farms/${farm.farmId}/events?limit=200`);
    const names = events.body.items.map((e: { name: string }) => e.name);
    expect(names.filter((n: string) => n === 'FarmSuspended')).toHaveLength(1);
    expect(names.filter((n: string) => n === 'FarmResumed')).toHaveLength(1);
    expect(names).not.toContain('HostDown');
    expect(names).not.toContain('ServerReplaced');
    expect(names.filter((n: string) => n === 'BeforeInstanceLaunch')).toHaveLength(3);
  });
});
