// Is the farm acting right now? A farm that is acting reads the clouds itself rather than the
// shared inventory snapshot, which may be up to an interval old: what it just launched or
// terminated must be seen at once, and its planner decisions (grace deadlines, holds) rest on
// a fresh look. A quiet farm (converged, steady servers, no capacity hold) is what the snapshot
// is for: its world changes by events and by Drover's own calls, and both are noted on its
// slice (a launch or terminate of the last pass makes the slice unusable until a direct look,
// inventory-reads.ts), so "acted last pass" needs no flag of its own here.
import type { Farm } from '../../domain/schemas/farm';
import type { Server, ServerStatus } from '../../domain/schemas/server';
import type { ReconcileSummary } from '../../ports/store';

const STEADY_FARM: ReadonlySet<Farm['status']> = new Set(['Running', 'Suspended', 'Terminated']);
const STEADY_SERVER: ReadonlySet<ServerStatus> = new Set(['Running', 'Suspended', 'Terminated', 'Failed']);

/** Why the farm must look at the clouds itself this pass; null when it may read the snapshot. */
export function actingReason(
  farm: Farm,
  servers: readonly Server[],
  previous: ReconcileSummary | undefined,
): string | null {
  if (!STEADY_FARM.has(farm.status)) return `farm ${farm.status}`;
  const moving = servers.find((s) => !STEADY_SERVER.has(s.status));
  if (moving) return `server ${moving.id} ${moving.status}`;
  if (!previous) return 'no previous pass';
  if (previous.convergence !== 'converged') return `last pass ${previous.convergence}`;
  if (Object.keys(previous.capacityHolds ?? {}).length > 0) return 'capacity holds';
  return null;
}
