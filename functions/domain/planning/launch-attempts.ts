// What a launch does after the cloud answers. A launch the cloud refuses for capacity tries the
// farm role's next placement — its instance types in their order (the farm role's own first,
// then its fallbacks), each across its zones in order — skipping every zone/instance-type pair
// that already found no capacity in this pass (whatever farm role asked: the cloud's capacity is
// the same for all). A throttled or transient refusal is retried by a later pass under the same
// server id; any other refusal fails the server.
import type { InstanceState } from '../clouds/observed-instance';
import type { StoredFarmRole } from '../schemas/farm';

export interface Placement {
  zone: string;
  instanceType: string;
}

type PlacementChoices = Pick<StoredFarmRole, 'zones' | 'instanceType' | 'fallbackInstanceTypes'>;

/** The first placement of the farm role that has not failed for capacity, or null when none is left. */
export function nextPlacement(farmRole: PlacementChoices, failed: readonly Placement[]): Placement | null {
  const tried = new Set(failed.map((p) => `${p.zone}/${p.instanceType}`));
  for (const instanceType of [farmRole.instanceType, ...farmRole.fallbackInstanceTypes]) {
    for (const zone of farmRole.zones) {
      if (!tried.has(`${zone}/${instanceType}`)) return { zone, instanceType };
    }
  }
  return null;
}

/** Why a farm role is held after its last placement failed, for the farm's status. */
export function noCapacityMessage(farmRole: PlacementChoices & Pick<StoredFarmRole, 'alias'>): string {
  return `${farmRole.alias}: no capacity for ${[farmRole.instanceType, ...farmRole.fallbackInstanceTypes].join('/')} in ${farmRole.zones.join(', ')}`;
}

/** What a cloud's refusal of a launch leads to, by the kind the driver mapped it to. */
export type LaunchRefusal = 'retry-later' | 'no-capacity' | 'failed';

export function launchRefusal(kind: string): LaunchRefusal {
  if (kind === 'Throttled' || kind === 'Transient') return 'retry-later';
  return kind === 'CapacityError' ? 'no-capacity' : 'failed';
}

/** A launched instance's server status: already running ones wait for the agent (Initializing). */
export function statusAfterLaunch(state: InstanceState): 'Initializing' | 'Pending' {
  return state === 'running' ? 'Initializing' : 'Pending';
}
