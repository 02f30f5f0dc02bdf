// A farm role on the CloudStack sandbox, reconciled as `npm start` runs it: launched to its count
// although the answer to the first deployVirtualMachine is lost (a 504 after the VM was made: the
// deploy by name adopts it), healed when a VM is destroyed behind Drover's back, converging under
// throttling and 5xx, and terminated — with no duplicate launch and no orphan at any step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { launchHealTerminate } from './private-cloud-scenario';
import { newDemoFarm, startReconcileRuntime, type TestFarm } from './reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterAll(() => rt?.stop());

/** The demo account, with a farm of one CloudStack farm role (min 2) on the demo's own role instead of the demo's farm. */
async function cloudStackFarm(name: string): Promise<TestFarm> {
  const demo = await newDemoFarm(rt, name);
  const { api } = demo;
  const environmentId = demo.demo.environmentId;
  const credentials = await api.get(`/v1/environments/${environmentId}/credentials`);
  const cloudstack = credentials.body.items.find((c: { platform: string }) => c.platform === 'cloudstack');
  const farm = await api.post(`/v1/environments/${environmentId}/farms`, {
    name: `cs-${name}`,
    farmRoles: [
      {
        platform: 'cloudstack',
        roleId: demo.demo.roleId,
        alias: 'app',
        credentialsId: cloudstack.id,
        region: 'zone-1',
        zones: ['zone-1'],
        instanceType: 'Small Instance',
        minInstances: 2,
        maxInstances: 3,
        network: { networks: ['guest-net-1'], securityGroups: ['default'], keyPair: 'sandbox-key' },
      },
    ],
  });
  expect(farm.status, JSON.stringify(farm.body)).toBe(201);
  return { ...demo, farmId: farm.body.id };
}

describe('a farm role on CloudStack', () => {
  it('launches despite a lost deploy response, heals a destroyed VM, converges under faults, and terminates', async () => {
    const farm = await cloudStackFarm('cloudstack');
    const cloudstack = rt.sandboxes.cloudstack;
    await launchHealTerminate(rt, farm, cloudstack, () => cloudstack.loseResponses('deployVirtualMachine'));
  });
});
