// The policies' last word on one launch, for the plan applier: the launch spec with the enforced
// values filled in, or the violations that refuse it. Counts are of the farm's servers that hold
// (or will hold) an instance; a server being terminated does not block its replacement.
import { enforceLaunch, type LaunchDecision } from '../../domain/policies';
import type { Farm, StoredFarmRole } from '../../domain/schemas/farm';
import type { Policy } from '../../domain/schemas/policy';
import type { Server } from '../../domain/schemas/server';
import type { LaunchSpec } from '../../ports/cloud-driver';

const HOLDS_AN_INSTANCE: ReadonlySet<Server['status']> = new Set([
  'Pending Launch',
  'Pending',
  'Initializing',
  'Running',
  'Suspended',
]);

export function decideLaunch(
  launchSpec: LaunchSpec,
  policies: readonly Policy[],
  farm: Farm,
  farmRole: StoredFarmRole,
  instanceIndex: number,
  servers: Iterable<Server>,
): LaunchDecision<LaunchSpec> {
  let liveInFarm = 0;
  let liveInFarmRole = 0;
  for (const s of servers) {
    if (s.id === launchSpec.serverId || !HOLDS_AN_INSTANCE.has(s.status)) continue;
    liveInFarm++;
    if (s.farmRoleId === farmRole.id) liveInFarmRole++;
  }
  return enforceLaunch(launchSpec, policies, {
    accountId: farm.accountId,
    environmentId: farm.environmentId,
    farm: { id: farm.id, name: farm.name },
    farmRole: {
      index: Math.max(
        0,
        farm.farmRoles.findIndex((fr) => fr.id === farmRole.id),
      ),
      alias: farmRole.alias,
      platform: farmRole.platform,
      roleId: farmRole.roleId,
      zones: farmRole.zones,
      instanceType: farmRole.instanceType,
      fallbackInstanceTypes: farmRole.fallbackInstanceTypes,
      ...(farmRole.platform === 'aws' ? { vpcId: farmRole.network.vpcId } : {}),
    },
    instanceIndex,
    liveInFarmRole,
    liveInFarm,
  });
}
