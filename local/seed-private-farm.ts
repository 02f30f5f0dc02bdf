// npm start's second demo farm, `demo-private`: the demo role on the two private-cloud sandboxes —
// `openstack` (RegionOne, m1.small on the project's `private` network) and `cloudstack` (zone-1,
// Small Instance on guest-net-1), one server each. A separate farm because demo-web's shape is
// what the README walks through and what many tests pin. Stored Terminated, like demo-web: a
// start stays quick and the user launches it when they want it (README "npm start").
import type { FarmSpecInput } from '../functions/domain/schemas/farm';
import { FarmSpec } from '../functions/domain/schemas/farm';
import type { ApiDeps } from '../functions/handlers/api/deps';
import type { Principal } from '../functions/ports/identity';
import { createFarm } from '../functions/services/farms';
import type { DemoData } from './seed';

export const DEMO_PRIVATE_FARM = 'demo-private';

type FarmRoleInput = NonNullable<FarmSpecInput['farmRoles']>[number];

const openStackRole = (roleId: string, credentialsId: string): FarmRoleInput => ({
  platform: 'openstack',
  roleId,
  alias: 'os-app',
  credentialsId,
  region: 'RegionOne',
  zones: ['nova', 'az-2'],
  instanceType: 'm1.small',
  minInstances: 1,
  maxInstances: 2,
  network: { networks: ['private'], securityGroups: ['default'] },
  tags: { team: 'private-cloud' },
});

const cloudStackRole = (roleId: string, credentialsId: string): FarmRoleInput => ({
  platform: 'cloudstack',
  roleId,
  alias: 'cs-app',
  credentialsId,
  region: 'zone-1',
  zones: ['zone-1'],
  instanceType: 'Small Instance',
  minInstances: 1,
  maxInstances: 2,
  network: { networks: ['guest-net-1'], securityGroups: ['default'], keyPair: 'sandbox-key' },
  tags: { team: 'private-cloud' },
});

/**
 * Adds demo-private to the demo environment (unless a farm has that name), with a farm role on each private-cloud sandbox whose
 * credentials the environment holds; answers its id, or undefined when it holds neither (hosted
 * mode without the sandboxes in the egress allow-list seeds no credentials).
 */
export async function seedDemoPrivateFarm(
  deps: ApiDeps,
  demo: Pick<DemoData, 'accountId' | 'userId' | 'environmentId' | 'roleId'>,
): Promise<string | undefined> {
  const principal: Principal = { accountId: demo.accountId, userId: demo.userId, via: 'system' };
  const scope = { accountId: demo.accountId, environmentId: demo.environmentId };
  // A farm of that name already (the user's own, or an earlier start's): keep it as it is.
  const existing = await deps.store.farms.findByName(scope, DEMO_PRIVATE_FARM);
  if (existing) return existing.id;
  const { items } = await deps.store.credentials.list(scope, { limit: 100 });
  const idOf = (platform: string) => items.find((c) => c.platform === platform)?.id;
  const openstack = idOf('openstack');
  const cloudstack = idOf('cloudstack');
  const farmRoles: FarmRoleInput[] = [
    ...(openstack ? [openStackRole(demo.roleId, openstack)] : []),
    ...(cloudstack ? [cloudStackRole(demo.roleId, cloudstack)] : []),
  ];
  if (farmRoles.length === 0) return undefined;
  const farm = await createFarm(
    deps,
    principal,
    demo.environmentId,
    FarmSpec.parse({
      name: DEMO_PRIVATE_FARM,
      description: 'One server on the OpenStack sandbox and one on the CloudStack sandbox',
      farmRoles,
    }),
  );
  return farm.id;
}
