// Pairs what the clouds list with the server records. An instance belongs to a record by its
// recorded instance id, or — before the id is recorded — by the server id in its tags. Whatever
// carries this farm's tag and no live record claims is an orphan. Instances tagged with another
// farm (or untagged) are never touched.
import type { ObservedInstance } from '../../domain/clouds/observed-instance';
import { instanceEnded } from './lifecycle';
import type { ObservedLocation, PlanFarm, PlanServer } from './plan-input';

export interface Observation {
  /** The instance the server's record refers to, if listed. */
  instanceOf(serverId: string): ObservedInstance | undefined;
  /** Whether the listing of this location succeeded (so an absent instance means something). */
  covers(platform: string, region: string): boolean;
  /** Listed, not ended, tagged with this farm, claimed by no record that is not Terminated. */
  orphans: ObservedInstance[];
  /** Locations of non-Terminated servers whose listing did not succeed, as `platform/region`. */
  unobservedLocations: string[];
}

const locationKey = (platform: string, region: string) => `${platform}/${region}`;

/** Best claim first: an instance that still exists, in the record's zone, launched earliest. */
function preferFor(server: PlanServer) {
  return (a: ObservedInstance, b: ObservedInstance): number =>
    Number(instanceEnded(a.state)) - Number(instanceEnded(b.state)) ||
    Number(a.zone !== server.zone) - Number(b.zone !== server.zone) ||
    a.launchedAt.localeCompare(b.launchedAt) ||
    a.instanceId.localeCompare(b.instanceId);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function observeFarm(
  farm: PlanFarm,
  servers: PlanServer[],
  observed: ObservedInstance[],
  observedLocations: ObservedLocation[] | undefined,
): Observation {
  const mine = observed.filter(
    (o) => o.farmId === farm.id && (o.accountId === undefined || o.accountId === farm.accountId),
  );
  const byInstanceId = new Map<string, ObservedInstance[]>();
  const byServerTag = new Map<string, ObservedInstance[]>();
  for (const o of mine) {
    pushTo(byInstanceId, `${o.platform}/${o.instanceId}`, o);
    if (o.serverId) pushTo(byServerTag, o.serverId, o);
  }

  const claimed = new Set<ObservedInstance>();
  const instanceByServer = new Map<string, ObservedInstance>();
  for (const server of servers) {
    if (server.status === 'Terminated') continue;
    const candidates = (
      server.instanceId
        ? byInstanceId.get(`${server.platform}/${server.instanceId}`)
        : byServerTag.get(server.id)?.filter((o) => o.platform === server.platform)
    )?.filter((o) => !claimed.has(o));
    if (!candidates?.length) continue;
    const chosen = candidates.length === 1 ? candidates[0]! : [...candidates].sort(preferFor(server))[0]!;
    claimed.add(chosen);
    instanceByServer.set(server.id, chosen);
  }

  const covered =
    observedLocations && new Set(observedLocations.map((l) => locationKey(l.platform, l.region)));
  const covers = (platform: string, region: string) => !covered || covered.has(locationKey(platform, region));
  const unobserved = new Set<string>();
  for (const server of servers) {
    if (server.status !== 'Terminated' && !covers(server.platform, server.region)) {
      unobserved.add(locationKey(server.platform, server.region));
    }
  }

  return {
    instanceOf: (serverId) => instanceByServer.get(serverId),
    covers,
    orphans: mine.filter((o) => !claimed.has(o) && !instanceEnded(o.state)),
    unobservedLocations: [...unobserved].sort(),
  };
}
