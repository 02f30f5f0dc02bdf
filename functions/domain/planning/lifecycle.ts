// Server lifecycle facts the planner reasons with: which statuses hold capacity, and from
// which moment each grace period or timeout is counted.
import type { InstanceState } from '../../domain/clouds/observed-instance';
import type { ServerStatus } from '../schemas/server';
import type { PlanServer } from './plan-input';

/**
 * Live servers hold one of the farm role's maxInstances slots. Pending Terminate and Failed do
 * not: their instances are going away, so a replacement may start while they shut down.
 */
export const LIVE_STATUSES: ReadonlySet<ServerStatus> = new Set([
  'Pending Launch',
  'Pending',
  'Initializing',
  'Running',
]);

export const LAUNCHING_STATUSES: ReadonlySet<ServerStatus> = new Set([
  'Pending Launch',
  'Pending',
  'Initializing',
]);

export const isLive = (status: ServerStatus): boolean => LIVE_STATUSES.has(status);

/** `shutting-down` cannot be undone, so it already counts as ended. */
export const instanceEnded = (state: InstanceState): boolean =>
  state === 'shutting-down' || state === 'terminated';

export function timeOf(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** When the server entered `status` (its current one by default); records without the timestamp fall back to updatedAt. */
export function enteredAt(server: PlanServer, status: ServerStatus = server.status): number {
  return timeOf(server.timestamps[status]) ?? timeOf(server.updatedAt) ?? timeOf(server.createdAt) ?? 0;
}

/**
 * The launch timeout runs "from the launch call to the instance running": from Pending Launch,
 * or, for a server resumed from Suspended, from the start call that put it back in Pending.
 */
export function launchStartedAt(server: PlanServer): number {
  const launched = timeOf(server.timestamps['Pending Launch']);
  const suspended = timeOf(server.timestamps.Suspended);
  if (
    server.status === 'Pending' &&
    (launched === undefined || (suspended !== undefined && suspended >= launched))
  ) {
    return enteredAt(server, 'Pending');
  }
  return launched ?? enteredAt(server);
}

/** The last moment the record says anything happened to the server: the vanish grace counts from here. */
export function lastKnownAt(server: PlanServer): number {
  let last = timeOf(server.createdAt) ?? 0;
  for (const iso of Object.values(server.timestamps)) {
    const t = timeOf(iso);
    if (t !== undefined && t > last) last = t;
  }
  return last;
}
