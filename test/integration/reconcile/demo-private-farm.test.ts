// npm start's demo-private farm (local/seed-private-farm.ts), seeded by the runtime as `npm start`
// asks for it: its OpenStack and CloudStack farm roles converge, a VM removed behind Drover's back
// on each cloud is replaced, nothing is launched twice or left orphaned, and terminating the farm
// leaves no live instance on either sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DROVER_TAG_KEYS } from '../../../functions/domain/clouds/launch-spec';
import type { LocalRuntime } from '../../../local/runtime';
import { DEMO_PRIVATE_FARM } from '../../../local/seed-private-farm';
import type { SandboxCloud } from '../../../sandbox/core/sandbox-cloud';
import { apiClient } from '../../support/api-client';
import { untilConverged, untilFarm } from '../../support/converge';
import {
  expectCloudMatchesRecords,
  FAST_PLAN,
  launch,
  liveServers,
  startReconcileRuntime,
  type TestFarm,
} from './reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime({ demoPrivateFarm: true });
});
afterAll(() => rt?.stop());

const ENDED = new Set(['shutting-down', 'terminated']);
const liveOn = (cloud: SandboxCloud, farmId: string) =>
  cloud.instances().filter((i) => i.tags[DROVER_TAG_KEYS.farmId] === farmId && !ENDED.has(i.state));

describe('npm start’s demo-private farm', () => {
  it('is seeded with a farm role on the OpenStack sandbox and one on the CloudStack sandbox', async () => {
    const api = apiClient(rt.apiUrl, rt.demo.token);
    const farm = await api.get(`/v1/farms/${rt.demo.privateFarmId}`);
    expect(farm.status, JSON.stringify(farm.body)).toBe(200);
    expect(farm.body.name).toBe(DEMO_PRIVATE_FARM);
    expect(
      farm.body.farmRoles.map((fr: { alias: string; platform: string }) => [fr.alias, fr.platform]),
    ).toEqual([
      ['os-app', 'openstack'],
      ['cs-app', 'cloudstack'],
    ]);
    const status = await api.get(`/v1/farms/${rt.demo.privateFarmId}/status`);
    expect(status.body.status).toBe('Terminated');
  });

  it('launches, heals a VM removed on each cloud, and terminates to zero on both sandboxes', async () => {
    const { openstack, cloudstack } = rt.sandboxes;
    const farm: TestFarm = {
      demo: rt.demo,
      farmId: rt.demo.privateFarmId!,
      api: apiClient(rt.apiUrl, rt.demo.token),
    };
    await launch(farm);
    const launched = await untilConverged(farm.api, farm.farmId, { timeoutMs: 60_000 });
    const victims = [liveServers(launched.servers, 'os-app'), liveServers(launched.servers, 'cs-app')].map(
      (servers) => {
        expect(servers.map((s) => s.status)).toEqual(['Running']);
        return servers[0]!;
      },
    );
    expect(liveOn(openstack, farm.farmId)).toHaveLength(1);
    expect(liveOn(cloudstack, farm.farmId)).toHaveLength(1);
    await expectCloudMatchesRecords(rt, farm);

    expect(openstack.kill(victims[0]!.instanceId!)).toBe(true);
    expect(cloudstack.kill(victims[1]!.instanceId!)).toBe(true);
    await untilFarm(
      farm.api,
      farm.farmId,
      'replaced the VM removed on each cloud',
      (snap) =>
        victims.every(
          (victim) =>
            snap.servers.find((s) => s.id === victim.id)?.status === 'Terminated' &&
            snap.servers.some((s) => s.replacesServerId === victim.id && s.status === 'Running'),
        ),
      { timeoutMs: 60_000 },
    );
    // Past the orphan grace: a launch answered twice or an instance left behind would show by now.
    await new Promise((resolve) => setTimeout(resolve, FAST_PLAN.orphanGraceMs + 500));
    const settled = await untilConverged(farm.api, farm.farmId);
    expect(
      liveServers(settled.servers)
        .map((s) => s.farmRoleAlias)
        .sort(),
    ).toEqual(['cs-app', 'os-app']);
    expect(liveOn(openstack, farm.farmId)).toHaveLength(1);
    expect(liveOn(cloudstack, farm.farmId)).toHaveLength(1);
    await expectCloudMatchesRecords(rt, farm);

    const res = await farm.api.post(`/v1/farms/${farm.farmId}/terminate`);
    expect(res.status).toBe(202);
    await untilFarm(farm.api, farm.farmId, 'terminated', (snap) => snap.status.status === 'Terminated', {
      timeoutMs: 30_000,
    });
    expect(liveOn(openstack, farm.farmId)).toEqual([]);
    expect(liveOn(cloudstack, farm.farmId)).toEqual([]);
  });
});
