// A farm role on the OpenStack sandbox, reconciled as `npm start` runs it: launched to its count
// although Nova's answer to the first create is lost (a 504 after the server was made), healed when
// a server is deleted behind Drover's back, converging under throttling and 5xx, and terminated —
// with no duplicate launch and no orphan at any step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { CIRROS_IMAGE_ID } from '../../../sandbox/openstack';
import { launchHealTerminate } from './private-cloud-scenario';
import { newDemoFarm, startReconcileRuntime, type TestFarm } from './reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterAll(() => rt?.stop());

/** The demo account, with a farm of one OpenStack farm role (min 2) instead of the demo's. */
async function openStackFarm(name: string): Promise<TestFarm> {
  const demo = await newDemoFarm(rt, name);
  const { api } = demo;
  const environmentId = demo.demo.environmentId;
  const credentials = await api.get(`/v1/environments/${environmentId}/credentials`);
  const openstack = credentials.body.items.find((c: { platform: string }) => c.platform === 'openstack');
  const role = await api.post('/v1/roles', {
    name: `cirros-${name}`,
    osFamily: 'linux',
    images: [{ platform: 'openstack', location: '*', imageId: CIRROS_IMAGE_ID }],
    defaultInstanceTypes: { openstack: 'm1.small' },
  });
  expect(role.status, JSON.stringify(role.body)).toBe(201);
  const farm = await api.post(`/v1/environments/${environmentId}/farms`, {
    name: `os-${name}`,
    farmRoles: [
      {
        platform: 'openstack',
        roleId: role.body.id,
        alias: 'app',
        credentialsId: openstack.id,
        region: 'RegionOne',
        zones: ['nova', 'az-2'],
        instanceType: 'm1.small',
        minInstances: 2,
        maxInstances: 3,
        network: { networks: ['private'], securityGroups: ['default'] },
      },
    ],
  });
  expect(farm.status, JSON.stringify(farm.body)).toBe(201);
  return { ...demo, farmId: farm.body.id };
}

describe('a farm role on OpenStack', () => {
  it('launches despite a lost create response, heals a deleted server, converges under faults, and terminates', async () => {
    const farm = await openStackFarm('openstack');
    const openstack = rt.sandboxes.openstack;
    await launchHealTerminate(rt, farm, openstack, () => openstack.loseResponses('servers.create'));
  });
});
