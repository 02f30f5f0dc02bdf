// Spreading launches over a farm role's zones: each launch goes to the zone with the fewest
// live servers, ties broken by the order the farm role lists its zones in (its preference).
// Servers in zones the farm role no longer lists count for none.

/** Chooses one zone and counts the new server in it, so consecutive calls spread a batch. */
export function chooseZone(zones: readonly string[], liveByZone: Map<string, number>): string {
  let best = zones[0]!;
  let bestCount = liveByZone.get(best) ?? 0;
  for (const zone of zones.slice(1)) {
    const count = liveByZone.get(zone) ?? 0;
    if (count < bestCount) {
      best = zone;
      bestCount = count;
    }
  }
  liveByZone.set(best, bestCount + 1);
  return best;
}
