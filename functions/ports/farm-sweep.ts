// The sweep: how farms nobody woke are looked at, without a schedule per farm (issue 13). Each farm
// that is not Terminated has one small entry — its account, its id, and every how many ticks it is
// looked at (domain/planning/sweep-cadence.ts) — and one schedule for the whole fleet runs the
// sweep each tick (a minute in AWS), which reads the entries, keeps the farms due at this tick and
// hands them to a FarmDispatch that runs their passes.
//
// Why entries that hold a cadence, read whole each tick, rather than a due time kept in a sort key
// (a partition per due minute, or a sparse GSI sorted by due time): a due time moves at every
// look, so it costs a write per look — a quiet farm looked at every 5 minutes is 8,640 writes a
// month ($0.0054 at $0.625 per million WRU), and a sparse GSI doubles that (the base write plus the
// index's delete and put). A cadence changes only when the farm starts or stops moving, so a quiet
// farm's entry is written about never; reading every entry each tick costs ~120 bytes per farm, at
// eventually consistent reads 0.5 RRU per 4 KB: 1,000 farms ≈ 15 RRU a minute, ≈ $0.00008 per
// farm-month. The entries sit in SWEEP_SHARDS partitions by a hash of the farm id, so one tick's
// Queries run side by side and no partition holds the whole fleet.
//
// Entries span accounts (the sweep is the platform's, not a tenant's): each only names a farm, and
// the pass it asks for reads that farm under its own account, as every pass does.
import type { FarmRef, ReconcileRequest } from './farm-scheduler';

/** Partitions the entries are spread over; fixed, since an entry's shard is derived from it. */
export const SWEEP_SHARDS = 4;

export interface SweepEntry extends FarmRef {
  /** Every how many ticks the sweep looks at the farm (1: every tick). */
  every: number;
}

export interface FarmSweepEntries {
  /** Writes the farm's entry (a launched or resumed farm: every tick). */
  put(entry: SweepEntry): Promise<void>;
  /** Changes an existing entry's cadence; a farm without one (removed: Terminated) is left without. */
  setEvery(entry: SweepEntry): Promise<void>;
  remove(farm: FarmRef): Promise<void>;
  /** Every entry of one shard (0 ≤ shard < SWEEP_SHARDS). */
  listShard(shard: number): Promise<SweepEntry[]>;
}

/** Runs the passes of the farms a tick found due (AWS: an SQS queue the reconcile function reads; locally: the runner). */
export interface FarmDispatch {
  dispatch(requests: readonly SweptRequest[]): Promise<void>;
}

/** A pass the sweep asks for, with the cadence it saw, so the pass writes the entry only when that changes. */
export interface SweptRequest extends ReconcileRequest {
  sweptEvery: number;
}
