// Policies on OpenStack and CloudStack farm roles through the API and the reconciler, against the
// sandbox clouds: a policy naming security groups as another cloud does is bad input (400 at its
// field); a farm that breaks one is refused on save (422 naming the policy and the field);
// a policy added after the save refuses the launch with its reason (farm status, PolicyViolation
// event); an enforced security group a farm role leaves out reaches the VM as CloudStack lists it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudStackDriver } from '../../../functions/adapters/clouds/cloudstack';
import { VirtualMachine } from '../../../functions/adapters/clouds/cloudstack/client/wire';
import type { LocalRuntime } from '../../../local/runtime';
import { SANDBOX_API_KEY, SANDBOX_SECRET_KEY } from '../../../sandbox/cloudstack';
import { untilConverged, untilFarm } from '../../support/converge';
import {
  launch,
  liveInstancesOf,
  newDemoFarm,
  startReconcileRuntime,
  type TestFarm,
} from '../reconcile/reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterAll(() => rt?.stop());

interface PrivateWorld extends TestFarm {
  credentials: { openstack: string; cloudstack: string };
}

/** A new demo account (its AWS/GCE farm left alone) and the ids of its OpenStack and CloudStack credentials. */
async function privateWorld(name: string): Promise<PrivateWorld> {
  const demo = await newDemoFarm(rt, name);
  const listed = await demo.api.get(`/v1/environments/${demo.demo.environmentId}/credentials`);
  const idOf = (platform: string) =>
    listed.body.items.find((c: { platform: string }) => c.platform === platform).id;
  return { ...demo, credentials: { openstack: idOf('openstack'), cloudstack: idOf('cloudstack') } };
}

function openStackRole(world: PrivateWorld, network: Record<string, unknown> = {}) {
  return {
    platform: 'openstack',
    roleId: world.demo.roleId,
    alias: 'db',
    credentialsId: world.credentials.openstack,
    region: 'RegionOne',
    zones: ['nova'],
    instanceType: 'm1.small',
    minInstances: 1,
    maxInstances: 1,
    network: { networks: ['private'], securityGroups: ['default'], ...network },
  };
}

function cloudStackRole(world: PrivateWorld, network: Record<string, unknown> = {}) {
  return {
    platform: 'cloudstack',
    roleId: world.demo.roleId,
    alias: 'app',
    credentialsId: world.credentials.cloudstack,
    region: 'zone-1',
    zones: ['zone-1'],
    instanceType: 'Small Instance',
    minInstances: 1,
    maxInstances: 1,
    network: { networks: ['guest-net-1'], securityGroups: ['default'], ...network },
  };
}

async function addPolicy(world: PrivateWorld, body: Record<string, unknown>) {
  const res = await world.api.post(`/v1/environments/${world.demo.environmentId}/policies`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function createFarm(world: PrivateWorld, name: string, farmRoles: unknown[]) {
  return world.api.post(`/v1/environments/${world.demo.environmentId}/farms`, { name, farmRoles });
}

describe('policies on private clouds over HTTP', () => {
  it.each([
    [
      'an OpenStack security group outside the allowed ones',
      { platform: 'openstack', rule: { kind: 'allowed-security-groups', securityGroups: ['web'] } },
      'farmRoles.0.network.securityGroups.0',
      'security group default is not allowed',
    ],
    [
      'CloudStack security groups without the enforced one',
      { platform: 'cloudstack', rule: { kind: 'enforced-security-groups', securityGroupIds: ['web'] } },
      'farmRoles.1.network.securityGroups',
      'security groups must include web',
    ],
    [
      'an OpenStack region outside the allowed ones',
      { platform: 'openstack', rule: { kind: 'allowed-locations', regions: ['RegionTwo'] } },
      'farmRoles.0.region',
      'region RegionOne is not allowed',
    ],
    [
      'a CloudStack service offering outside the allowed ones',
      {
        platform: 'cloudstack',
        rule: { kind: 'allowed-instance-types', instanceTypes: ['Medium Instance'] },
      },
      'farmRoles.1.instanceType',
      'instance type Small Instance is not allowed',
    ],
    [
      'an OpenStack flavor over the allowed ones',
      { platform: 'openstack', rule: { kind: 'allowed-instance-types', instanceTypes: ['m1.tiny'] } },
      'farmRoles.0.instanceType',
      'instance type m1.small is not allowed',
    ],
  ])(
    'refuses to save a farm with %s (422 naming the policy and the field)',
    async (why, policy, path, message) => {
      const world = await privateWorld(`save-${why.length}-${Date.now() % 10_000}`);
      const made = await addPolicy(world, { name: 'governed', ...policy });
      const res = await createFarm(world, 'governed', [openStackRole(world), cloudStackRole(world)]);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'PolicyViolation' });
      expect(res.body.violations).toEqual([expect.objectContaining({ policyId: made.id, message })]);
      expect(res.body.issues).toEqual([
        expect.objectContaining({ in: 'body', path, message: `governed: ${message}` }),
      ]);
    },
  );

  it('refuses a security group policy that names groups the way another cloud does', async () => {
    const world = await privateWorld('sg-names');
    const url = `/v1/environments/${world.demo.environmentId}/policies`;
    const aws = await world.api.post(url, {
      name: 'aws groups',
      platform: 'aws',
      rule: { kind: 'allowed-security-groups', securityGroups: ['web'] },
    });
    expect(aws.status).toBe(400);
    expect(aws.body.issues).toEqual([expect.objectContaining({ path: 'rule.securityGroups.0' })]);
    const gce = await world.api.post(url, {
      name: 'gce groups',
      platform: 'gce',
      rule: { kind: 'enforced-security-groups', securityGroupIds: ['web'] },
    });
    expect(gce.status).toBe(400);
    expect(gce.body.issues).toEqual([expect.objectContaining({ path: 'platform' })]);
  });

  it('refuses at launch what a policy added after the save forbids, with its reason', async () => {
    const world = await privateWorld('launch-refused');
    const saved = await createFarm(world, 'refused', [openStackRole(world), cloudStackRole(world)]);
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const farm = { ...world, farmId: saved.body.id };
    await addPolicy(world, {
      name: 'web only',
      platform: 'openstack',
      rule: { kind: 'allowed-security-groups', securityGroups: ['web'] },
    });
    await addPolicy(world, {
      name: 'medium only',
      platform: 'cloudstack',
      rule: { kind: 'allowed-instance-types', instanceTypes: ['Medium Instance'] },
    });
    await launch(farm);
    const blocked = await untilFarm(world.api, farm.farmId, 'both launches refused, with the reasons', (s) =>
      ['db: launch refused by policy "web only"', 'app: launch refused by policy "medium only"'].every((r) =>
        s.status.reasons.some((reason) => reason.includes(r)),
      ),
    );
    expect(blocked.status.convergence).toBe('degraded');
    expect(liveInstancesOf(rt, farm.farmId)).toEqual([]);
    const events = await world.api.get(`/v1/farms/${farm.farmId}/events?limit=200`);
    const violations = events.body.items
      .filter((e: { name: string }) => e.name === 'PolicyViolation')
      .flatMap((e: { payload: { violations: unknown[] } }) => e.payload.violations);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'farmRoles[0].network.securityGroups[0]', allowed: ['web'] }),
        expect.objectContaining({ path: 'farmRoles[1].instanceType', allowed: ['Medium Instance'] }),
      ]),
    );
  }, 60_000);

  it('puts an enforced security group on a CloudStack VM whose farm role names none', async () => {
    const world = await privateWorld('enforced-group');
    await addPolicy(world, {
      name: 'web group',
      platform: 'cloudstack',
      rule: { kind: 'enforced-security-groups', securityGroupIds: ['web'] },
    });
    const saved = await createFarm(world, 'enforced', [cloudStackRole(world, { securityGroups: [] })]);
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const farm = { ...world, farmId: saved.body.id };
    await launch(farm);
    await untilConverged(world.api, farm.farmId, { timeoutMs: 60_000 });
    const cloudstack = createCloudStackDriver({
      endpoint: rt.sandboxes.cloudstack.apiUrl,
      apiKey: SANDBOX_API_KEY,
      secretKey: SANDBOX_SECRET_KEY,
    });
    const vms = await cloudstack.client.listAll('listVirtualMachines', 'virtualmachine', VirtualMachine, {
      listall: 'true',
      'tags[0].key': 'drover-farm',
      'tags[0].value': farm.farmId,
    });
    expect(vms.map((vm) => vm.securitygroup.map((g) => g.name))).toEqual([['web']]);
    const terminated = await world.api.post(`/v1/farms/${farm.farmId}/terminate`);
    expect(terminated.status).toBe(202);
    await untilFarm(world.api, farm.farmId, 'terminated', (s) => s.status.status === 'Terminated');
  }, 90_000);
});
