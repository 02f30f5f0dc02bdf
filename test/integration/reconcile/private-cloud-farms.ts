// The private clouds as the reconcile tests meet them (OpenStack, CloudStack): each one's sandbox in
// the runtime, the call whose answer a test loses, and a farm of one farm role `app` on it in a new
// demo account — so one scenario runs against both clouds instead of being written twice.
import { expect } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import type { SandboxCloud } from '../../../sandbox/core/sandbox-cloud';
import { CIRROS_IMAGE_ID } from '../../../sandbox/openstack';
import { type FarmRoleChange, newDemoFarm, type TestFarm } from './reconcile-world';

/** A private cloud's sandbox: the core's controls and lost answers (`loseResponses`). */
export type PrivateSandbox = SandboxCloud & { loseResponses(action: string, count?: number): void };

export interface PrivateCloud {
  name: 'OpenStack' | 'CloudStack';
  sandbox(rt: LocalRuntime): PrivateSandbox;
  /** The create call whose answer a test loses (carried out, then a 504). */
  createCall: string;
  /** A new demo account with a farm of one farm role `app` (min 2, max 3 unless `change` says) on this cloud. */
  newFarm(rt: LocalRuntime, name: string, change?: FarmRoleChange): Promise<TestFarm>;
  /**
   * Capacity as this cloud refuses it (OpenStack: the scheduler's "No valid host"; CloudStack: a
   * 533 job): `first` refuses the farm role's first placement, which `fallback` (a farm role change,
   * if one is needed) gives somewhere else to go, where `landed` says a server went; `everywhere`
   * refuses every placement the farm role has.
   */
  capacity: {
    first: { zone?: string; instanceType?: string }[];
    fallback: FarmRoleChange;
    landed: (server: { zone: string; instanceType: string }) => boolean;
    everywhere: { zone?: string; instanceType?: string }[];
  };
}

const DEFAULT_SIZE = { minInstances: 2, maxInstances: 3 };

async function farmOf(
  rt: LocalRuntime,
  name: string,
  platform: 'openstack' | 'cloudstack',
  placement: (demo: TestFarm) => Promise<FarmRoleChange>,
  change: FarmRoleChange,
): Promise<TestFarm> {
  const demo = await newDemoFarm(rt, name);
  const environmentId = demo.demo.environmentId;
  const credentials = await demo.api.get(`/v1/environments/${environmentId}/credentials`);
  const cloud = credentials.body.items.find((c: { platform: string }) => c.platform === platform);
  const farmRole = { platform, alias: 'app', credentialsId: cloud.id, ...DEFAULT_SIZE };
  const farm = await demo.api.post(`/v1/environments/${environmentId}/farms`, {
    name: `${platform}-${name}`,
    farmRoles: [{ ...farmRole, ...(await placement(demo)), ...change }],
  });
  expect(farm.status, JSON.stringify(farm.body)).toBe(201);
  return { ...demo, farmId: farm.body.id };
}

/** On a cirros role of its own: the image Nova's own tests boot. */
async function openStackPlacement({ api }: TestFarm): Promise<FarmRoleChange> {
  const role = await api.post('/v1/roles', {
    name: `cirros-${Math.random().toString(36).slice(2, 8)}`,
    osFamily: 'linux',
    images: [{ platform: 'openstack', location: '*', imageId: CIRROS_IMAGE_ID }],
    defaultInstanceTypes: { openstack: 'm1.small' },
  });
  expect(role.status, JSON.stringify(role.body)).toBe(201);
  return {
    roleId: role.body.id,
    region: 'RegionOne',
    zones: ['nova', 'az-2'],
    instanceType: 'm1.small',
    network: { networks: ['private'], securityGroups: ['default'] },
  };
}

export const OPENSTACK: PrivateCloud = {
  name: 'OpenStack',
  sandbox: (rt) => rt.sandboxes.openstack,
  createCall: 'servers.create',
  newFarm: (rt, name, change = {}) => farmOf(rt, name, 'openstack', openStackPlacement, change),
  capacity: {
    first: [{ zone: 'nova' }],
    fallback: {},
    landed: (s) => s.zone === 'az-2',
    everywhere: [{ zone: 'nova' }, { zone: 'az-2' }],
  },
};

/** On the demo's own role, which carries the sandbox's Debian template. */
const cloudStackPlacement = async ({ demo }: TestFarm): Promise<FarmRoleChange> => ({
  roleId: demo.roleId,
  region: 'zone-1',
  zones: ['zone-1'],
  instanceType: 'Small Instance',
  network: { networks: ['guest-net-1'], securityGroups: ['default'], keyPair: 'sandbox-key' },
});

export const CLOUDSTACK: PrivateCloud = {
  name: 'CloudStack',
  sandbox: (rt) => rt.sandboxes.cloudstack,
  createCall: 'deployVirtualMachine',
  newFarm: (rt, name, change = {}) => farmOf(rt, name, 'cloudstack', cloudStackPlacement, change),
  // A CloudStack farm role has one zone: a refused offering falls back to the next one.
  capacity: {
    first: [{ instanceType: 'Small Instance' }],
    fallback: { fallbackInstanceTypes: ['Medium Instance'] },
    landed: (s) => s.instanceType === 'Medium Instance',
    everywhere: [{ zone: 'zone-1' }],
  },
};

export const PRIVATE_CLOUDS = [OPENSTACK, CLOUDSTACK];
