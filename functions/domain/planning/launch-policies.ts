// The policies' last word on one launch attempt, asked once, before its server record is written
// (a refused launch leaves no server behind): the launch spec with the enforced values filled in,
// or the violations that refuse it. Counts are of the farm's servers that hold (or will hold) an
// instance; a server being terminated does not block its replacement. And whether a refusal is
// news: one PolicyViolation event per change of a farm role's violations, not one per pass.

import type { LaunchSpec } from '../../domain/clouds/launch-spec';
import { describeViolations, enforceLaunch, type LaunchDecision } from '../../domain/policies';
import type { Farm, StoredFarmRole } from '../../domain/schemas/farm';
import type { Policy, Violation } from '../../domain/schemas/policy';
import type { Server } from '../../domain/schemas/server';

/** Server statuses that hold (or are about to hold) an instance: what a farm role's size counts. */
export const HOLDS_AN_INSTANCE: ReadonlySet<Server['status']> = new Set([
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

/** What a refused launch says, and whether its PolicyViolation event is due. */
export interface PolicyRefusal {
  /** The violations' signature, kept in the reconcile summary to know the next refusal's news. */
  signature: string;
  /** `<alias>: launch refused by <first violation>`, for the farm's status and the event. */
  message: string;
  /** False when the same violations refused this farm role in the previous pass or earlier in this one. */
  announce: boolean;
}

export function policyRefusal(
  alias: string,
  violations: readonly Violation[],
  known: readonly (string | undefined)[],
): PolicyRefusal {
  const signature = JSON.stringify(violations.map((v) => [v.policyId, v.path, v.message]));
  return {
    signature,
    message: `${alias}: launch refused by ${describeViolations(violations)}`,
    announce: !known.includes(signature),
  };
}
