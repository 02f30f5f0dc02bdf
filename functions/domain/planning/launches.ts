// The launches that fill a farm role up to its desired count: each at the lowest free index, in
// the zone with the fewest live servers, replacing (by index) a server that ended unexpectedly or
// failed; and, while a farm is Launching, the launch order that makes a farm role wait.
import type { Launch } from './actions';
import type { Member } from './assess-server';
import { lowestFreeIndexes } from './indexes';
import type { PlanFarm, PlanFarmRole, PlanServer } from './plan-input';
import { chooseZone } from './zones';

/** A server that ended without being asked to, whose farm role a launch may heal. */
export interface Replaceable {
  server: PlanServer;
  why: string;
}

/** While launching, a farm role waits until every farm role with a lower launchOrder has its desired servers Running. */
export function launchOrderAllows(
  role: PlanFarmRole,
  all: readonly PlanFarmRole[],
  kept: ReadonlyMap<string, Member[]>,
  desired: ReadonlyMap<string, number>,
): boolean {
  return all.every(
    (other) =>
      other.launchOrder >= role.launchOrder ||
      kept.get(other.id)!.filter((m) => m.server.status === 'Running').length >= desired.get(other.id)!,
  );
}

export function launchesFor(
  role: PlanFarmRole,
  stays: readonly Member[],
  count: number,
  replaceable: readonly Replaceable[],
  farmStatus: PlanFarm['status'],
): Launch[] {
  const liveByZone = new Map<string, number>();
  for (const { server, instance } of stays) {
    const zone = instance?.zone ?? server.zone;
    liveByZone.set(zone, (liveByZone.get(zone) ?? 0) + 1);
  }
  const sources = [...replaceable];
  return lowestFreeIndexes(
    stays.map((m) => m.server.index),
    count,
  ).map((index) => {
    const at = sources.findIndex((s) => s.server.index === index);
    const replaced = sources.splice(Math.max(at, 0), 1)[0];
    const zone = chooseZone(role.zones, liveByZone);
    const cause = replaced ? 'replacement' : farmStatus === 'Running' ? 'scale-out' : 'initial';
    return {
      type: 'launch',
      farmRoleId: role.id,
      farmRoleAlias: role.alias,
      index,
      zone,
      instanceType: role.instanceType,
      replacesServerId: replaced?.server.id ?? null,
      cause,
      reason: replaced
        ? `replaces ${replaced.server.id} (${replaced.why})`
        : `scale out towards ${role.alias}'s desired count`,
    };
  });
}
