// Policies, farm specs and launch specs for the policy unit tests: valid by default, one field
// changed per case.

import { launchPlacement } from '../../../functions/domain/clouds/launch-placement';
import { newId } from '../../../functions/domain/ids';
import type { LaunchContext, LaunchShape } from '../../../functions/domain/policies';
import { FarmSpec } from '../../../functions/domain/schemas/farm';
import { type Policy, PolicyInput } from '../../../functions/domain/schemas/policy';

export const ROLE_ID = 'role-01jd7y9x2k0000000000000001';
export const OTHER_ROLE_ID = 'role-01jd7y9x2k0000000000000002';
const CREDS = 'cred-01jd7y9x2k0000000000000001';
export const NOW = new Date('2026-11-25T12:00:00.000Z');

export function policy(rule: unknown, extra: Record<string, unknown> = {}): Policy {
  const input = PolicyInput.parse({ name: `policy ${(rule as { kind: string }).kind}`, rule, ...extra });
  return {
    ...input,
    id: newId('policy'),
    accountId: 'acc-01jd7y9x2k0000000000000001',
    environmentId: 'env-01jd7y9x2k0000000000000001',
    version: 1,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}

export const awsRole = (overrides: Record<string, unknown> = {}) => ({
  platform: 'aws',
  roleId: ROLE_ID,
  alias: 'web',
  credentialsId: CREDS,
  region: 'us-east-1',
  zones: ['us-east-1a', 'us-east-1b'],
  instanceType: 't3.small',
  minInstances: 1,
  maxInstances: 2,
  tags: { team: 'shop' },
  ...overrides,
});

export const gceRole = (overrides: Record<string, unknown> = {}) => ({
  platform: 'gce',
  roleId: ROLE_ID,
  alias: 'api',
  credentialsId: CREDS,
  region: 'europe-west1',
  zones: ['europe-west1-b'],
  instanceType: 'e2-small',
  minInstances: 1,
  maxInstances: 2,
  tags: { team: 'shop' },
  ...overrides,
});

export const openStackRole = (overrides: Record<string, unknown> = {}) => ({
  platform: 'openstack',
  roleId: ROLE_ID,
  alias: 'db',
  credentialsId: CREDS,
  region: 'RegionOne',
  zones: ['nova'],
  instanceType: 'm1.small',
  minInstances: 1,
  maxInstances: 2,
  tags: { team: 'shop' },
  network: { networks: ['private'], securityGroups: ['web'] },
  ...overrides,
});

export const cloudStackRole = (overrides: Record<string, unknown> = {}) => ({
  platform: 'cloudstack',
  roleId: ROLE_ID,
  alias: 'app',
  credentialsId: CREDS,
  region: 'zone-1',
  zones: ['zone-1'],
  instanceType: 'Small Instance',
  minInstances: 1,
  maxInstances: 2,
  tags: { team: 'shop' },
  network: { networks: ['guest-net-1'], securityGroups: ['web'] },
  ...overrides,
});

export const spec = (farmRoles: unknown[], extra: Record<string, unknown> = {}): FarmSpec =>
  FarmSpec.parse({ name: 'shop-prod', farmRoles, ...extra });

/** The launch spec and context the reconciler would build for the first farm role's first server. */
export function launchOf(
  farm: FarmSpec,
  overrides: Partial<LaunchShape> = {},
  counts = { role: 0, farm: 0 },
) {
  const fr = farm.farmRoles[0]!;
  const launch: LaunchShape = {
    serverId: 'srv-01jd7y9x2k0000000000000001',
    region: fr.region,
    zone: fr.zones[0]!,
    imageId:
      fr.platform === 'aws' ? 'ami-0123456789abcdef0' : 'projects/debian-cloud/global/images/debian-12',
    instanceType: fr.instanceType,
    tags: { ...fr.tags, 'drover-farm': 'farm-1' },
    ...launchPlacement(fr, fr.zones[0] as string),
    ...overrides,
  };
  const context: LaunchContext = {
    accountId: 'acc-01jd7y9x2k0000000000000001',
    environmentId: 'env-01jd7y9x2k0000000000000001',
    farm: { id: 'farm-1', name: farm.name },
    farmRole: {
      index: 0,
      alias: fr.alias,
      platform: fr.platform,
      roleId: fr.roleId,
      zones: fr.zones,
      instanceType: fr.instanceType,
      fallbackInstanceTypes: fr.fallbackInstanceTypes,
      ...(fr.platform === 'aws' ? { vpcId: fr.network.vpcId } : {}),
    },
    instanceIndex: 1,
    liveInFarmRole: counts.role,
    liveInFarm: counts.farm,
  };
  return { launch, context };
}
