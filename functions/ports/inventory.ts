// Inventory: what the clouds run for Drover in one location — (account, platform, credentials,
// region) — as one shared snapshot, so a reconcile reads it instead of listing the cloud for
// its own farm (cloud API budgets are per account and region, not per farm: ARCHITECTURE §2).
// The snapshot is kept per farm ("slices") beside the location's last listing time: a whole
// listing is one paged account-wide call, split by the instances' farm tag; a farm reads only
// its slice. Changes between listings (a cloud's state-change event, Drover's own launch or
// terminate) are noted on the farm's slice, which then must be looked at directly again.
// The policy (when to list, who lists, when a farm reads the cloud itself) is the reconcile
// service's (services/reconcile/inventory-reads.ts); this port only stores.
import type { ObservedInstance } from '../domain/clouds/observed-instance';
import type { Platform } from '../domain/schemas/common';

/** One cloud location as Drover reaches it: an account's credentials in one region. */
export interface InventoryLocation {
  accountId: string;
  platform: Platform;
  credentialsId: string;
  region: string;
}

/** A farm's share of a location. Times are epoch ms. */
export interface FarmSlice {
  instances: ObservedInstance[];
  /** When the listing this slice came from began; null: never listed. */
  observedAt: number | null;
  /** The last change noted since (an event, a launch, a terminate); null: none. */
  changedAt: number | null;
}

export interface InventorySnapshot {
  /** When the location's last whole listing began; null: never listed. */
  listedAt: number | null;
  slice: FarmSlice;
}

/** A whole listing of a location, split by farm tag (instances without one are not kept). */
export interface LocationListing {
  /** When the listing call began (what the slices it writes were observed at). */
  listedAt: number;
  byFarm: ReadonlyMap<string, ObservedInstance[]>;
}

export interface Inventory {
  /** The location's listing time and the farm's slice of it. */
  read(location: InventoryLocation, farmId: string): Promise<InventorySnapshot>;
  /** Takes the location's refresh claim until `until` if it is free or ran out at `now`. */
  claimRefresh(location: InventoryLocation, holder: string, now: number, until: number): Promise<boolean>;
  /**
   * Saves a whole listing: every slice whose instances differ from the stored ones (a quiet
   * location writes none of them), then the listing time, and gives the claim back.
   * Answers how many slices were written.
   */
  saveListing(location: InventoryLocation, holder: string, listing: LocationListing): Promise<number>;
  /** Saves one farm's slice from a direct look; an older observation never replaces a newer one. */
  saveSlice(
    location: InventoryLocation,
    farmId: string,
    instances: ObservedInstance[],
    observedAt: number,
  ): Promise<void>;
  /** Notes that the farm's instances in the location changed at `at` (its slice must be looked at again). */
  noteChange(location: InventoryLocation, farmId: string, at: number): Promise<void>;
}
