// Changes noted on the inventory between listings: a cloud's state-change event (EC2's
// notification here; GCE's audit-log push through the same call) and Drover's own launches and
// terminates (CloudAccess). A noted change makes the farm's slice unusable until a look that
// began after it, so the pass the event wakes reads the cloud itself: the cost of freshness
// grows with changes, not with farms. The event carries only an id and a state, not the facts a
// slice holds (zone, addresses, tags), hence a note rather than an edit of the slice.
import type { Server } from '../../domain/schemas/server';
import type { Clock } from '../../ports/clock';
import type { InventoryLocation } from '../../ports/inventory';
import type { ReconcileRepos } from './deps';

type NoteDeps = { store: Pick<ReconcileRepos, 'inventory'>; clock: Clock };

/** The farm's instances in the location changed just now. */
export function noteLocationChange(
  deps: NoteDeps,
  location: InventoryLocation,
  farmId: string,
): Promise<void> {
  return deps.store.inventory.noteChange(location, farmId, deps.clock.now().getTime());
}

/** An instance of this server changed state (the server's record says where it lives). */
export function noteServerChange(
  deps: NoteDeps,
  server: Pick<Server, 'accountId' | 'farmId' | 'platform' | 'credentialsId' | 'region'>,
): Promise<void> {
  const { accountId, platform, credentialsId, region } = server;
  return noteLocationChange(deps, { accountId, platform, credentialsId, region }, server.farmId);
}
