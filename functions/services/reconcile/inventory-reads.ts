// How a pass observes one location of its farm: from the shared inventory snapshot when the
// farm's slice is fresh (listed less than an interval ago, no change noted since), else:
//   - the location's listing is stale: whichever pass finds it so takes a short claim and lists
//     the whole location once, by Drover's account tag (one paged call for every farm there);
//     the others wait a moment for that listing rather than list themselves;
//   - the farm's slice alone is dirty (a change noted: an event, a launch, a terminate), or the
//     farm is acting right now (farm-activity.ts): it lists its own instances directly and
//     writes what it saw back as its slice.
// With an interval of 0 there is no snapshot: every pass lists directly, as before the inventory.
// Eventual consistency stays the planner's (vanish grace per cloud): a snapshot is one more
// observation, older by at most the interval.
import { ulid } from 'ulid';
import type { ObservedInstance } from '../../domain/clouds/observed-instance';
import type { Clock } from '../../ports/clock';
import type { CloudDriver } from '../../ports/cloud-driver';
import type { Inventory, InventoryLocation, InventorySnapshot } from '../../ports/inventory';

export interface InventoryTiming {
  /** How old a listing may be before a pass lists the location again (0: no snapshot at all). */
  intervalMs: number;
  /** How long a listing's claim holds off other listers (a crashed lister's claim runs out). */
  claimMs: number;
  /** How long a pass waits for another's listing before it lists its own farm. */
  waitMs: number;
}

export const DEFAULT_INVENTORY_TIMING: InventoryTiming = {
  intervalMs: 60_000,
  claimMs: 15_000,
  waitMs: 3_000,
};
const POLL_MS = 200;

/** How the location was observed: the snapshot, a whole listing this pass made, or the farm's own list. */
export type LocationRead = 'snapshot' | 'listed' | 'direct';

export interface LocationContext {
  inventory: Inventory;
  clock: Clock;
  timing: InventoryTiming;
  /** The pass's driver for the location's credentials (calls counted by CloudAccess). */
  driver(): Promise<CloudDriver>;
}

/** When the farm's slice was last known whole: its own look, or a listing that began after its last change. */
export function sliceSeenAt({ listedAt, slice }: InventorySnapshot): number | null {
  const listingCounts = listedAt !== null && (slice.changedAt === null || slice.changedAt < listedAt);
  const seen = Math.max(slice.observedAt ?? -1, listingCounts ? listedAt : -1);
  return seen < 0 ? null : seen;
}

export function isFresh(snapshot: InventorySnapshot, now: number, intervalMs: number): boolean {
  const seen = sliceSeenAt(snapshot);
  const changed = snapshot.slice.changedAt;
  return seen !== null && (changed === null || changed < seen) && now - seen <= intervalMs;
}

const listingIsStale = (s: InventorySnapshot, now: number, intervalMs: number) =>
  s.listedAt === null || now - s.listedAt > intervalMs;

export async function observeLocation(
  ctx: LocationContext,
  location: InventoryLocation,
  farmId: string,
  acting: boolean,
): Promise<{ instances: ObservedInstance[]; read: LocationRead }> {
  const { intervalMs } = ctx.timing;
  if (intervalMs <= 0) return { instances: await listFarm(ctx, location, farmId), read: 'direct' };
  if (acting) return directLook(ctx, location, farmId);
  const now = () => ctx.clock.now().getTime();
  // A snapshot that cannot be read (throttled) is no reason to miss the location: look directly.
  const snapshot = await ctx.inventory.read(location, farmId).catch(() => undefined);
  if (!snapshot) return directLook(ctx, location, farmId);
  if (isFresh(snapshot, now(), intervalMs)) return { instances: snapshot.slice.instances, read: 'snapshot' };
  if (!listingIsStale(snapshot, now(), intervalMs)) return directLook(ctx, location, farmId);
  const holder = ulid();
  const claimed = await ctx.inventory
    .claimRefresh(location, holder, now(), now() + ctx.timing.claimMs)
    .catch(() => false);
  if (claimed) {
    const listed = await listLocation(ctx, location, holder);
    const mine = { listedAt: listed.listedAt, slice: { ...snapshot.slice, instances: listed.mine(farmId) } };
    if (isFresh(mine, now(), intervalMs)) return { instances: mine.slice.instances, read: 'listed' };
    return directLook(ctx, location, farmId);
  }
  // Another pass is listing: its listing, or this slice while it is stale by less than a claim, is
  // good enough; only a slice with a change noted on it (or none at all) is looked at directly.
  const after = await awaitListing(ctx, location, farmId, snapshot.listedAt).catch(() => snapshot);
  if (isFresh(after, now(), intervalMs + ctx.timing.claimMs))
    return { instances: after.slice.instances, read: 'snapshot' };
  return directLook(ctx, location, farmId);
}

/** Lists the farm's own instances and keeps them as its slice (a failed save costs only the next pass a look). */
async function directLook(ctx: LocationContext, location: InventoryLocation, farmId: string) {
  const observedAt = ctx.clock.now().getTime();
  const instances = await listFarm(ctx, location, farmId);
  if (ctx.timing.intervalMs > 0)
    await ctx.inventory.saveSlice(location, farmId, instances, observedAt).catch(() => {});
  return { instances, read: 'direct' as const };
}

async function listFarm(ctx: LocationContext, location: InventoryLocation, farmId: string) {
  const driver = await ctx.driver();
  return driver.listInstances(location.region, { accountId: location.accountId, farmId });
}

/** One paged listing of every instance with the account's tag in the location, saved slice by slice. */
async function listLocation(ctx: LocationContext, location: InventoryLocation, holder: string) {
  const listedAt = ctx.clock.now().getTime();
  const driver = await ctx.driver();
  const all = await driver.listInstances(location.region, { accountId: location.accountId });
  const byFarm = new Map<string, ObservedInstance[]>();
  for (const instance of all) {
    if (!instance.farmId) continue;
    byFarm.set(instance.farmId, [...(byFarm.get(instance.farmId) ?? []), instance]);
  }
  // Unsaved, the listing still serves this pass; the claim runs out and the next pass lists again.
  await ctx.inventory.saveListing(location, holder, { listedAt, byFarm }).catch(() => 0);
  return { listedAt, mine: (farmId: string) => byFarm.get(farmId) ?? [] };
}

/** Another pass is listing the location: read again until its listing lands or the wait is over. */
async function awaitListing(
  ctx: LocationContext,
  location: InventoryLocation,
  farmId: string,
  before: number | null,
): Promise<InventorySnapshot> {
  const until = ctx.clock.now().getTime() + ctx.timing.waitMs;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const snapshot = await ctx.inventory.read(location, farmId);
    if (snapshot.listedAt !== before || ctx.clock.now().getTime() >= until) return snapshot;
  }
}
