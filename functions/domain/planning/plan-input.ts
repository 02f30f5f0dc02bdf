// What planFarm reads: the farm spec with its status, the server records, what the clouds
// list, and the time. Only the fields the planner uses are required, so a stored Farm and
// stored Servers fit as they are.
import type { ObservedInstance } from '../../domain/clouds/observed-instance';
import type { Platform } from '../schemas/common';
import type { Farm, StoredFarmRole } from '../schemas/farm';
import type { Server } from '../schemas/server';

export type PlanFarmRole = Pick<
  StoredFarmRole,
  | 'id'
  | 'alias'
  | 'platform'
  | 'credentialsId'
  | 'region'
  | 'zones'
  | 'instanceType'
  | 'minInstances'
  | 'maxInstances'
  | 'scaleInOrder'
  | 'launchOrder'
  | 'launchTimeoutSec'
  | 'initTimeoutSec'
>;

export type PlanFarm = Pick<Farm, 'id' | 'accountId' | 'status'> & { farmRoles: PlanFarmRole[] };

export type PlanServer = Pick<
  Server,
  | 'id'
  | 'farmId'
  | 'farmRoleId'
  | 'farmRoleAlias'
  | 'index'
  | 'platform'
  | 'credentialsId'
  | 'region'
  | 'zone'
  | 'instanceType'
  | 'status'
  | 'statusReason'
  | 'instanceId'
  | 'privateIp'
  | 'publicIp'
  | 'replacesServerId'
  | 'timestamps'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
>;

/** One (platform, region) the caller listed successfully. */
export interface ObservedLocation {
  platform: Platform;
  region: string;
}

export interface PlanOptions {
  /**
   * An instance tagged with this farm but with no live record is terminated only this long after
   * its launchedAt: a launch whose record write is still in flight, or a list that is ahead of the
   * store, must not cost a healthy server.
   */
  orphanGraceMs: number;
  /**
   * A recorded instance missing from the list is declared gone only this long after the server's
   * last status change: EC2 and GCE lists are eventually consistent, and a just-launched
   * instance may be absent for a while.
   */
  vanishGraceMs: number;
  /**
   * A shorter vanish grace per platform whose lists are strongly consistent: Compute Engine lists
   * an instance as soon as its insert operation is done and drops it once deleted, so an absent
   * GCE instance is gone — waiting the EC2-sized grace would only delay its replacement.
   */
  platformVanishGraceMs: Partial<Record<Platform, number>>;
  /**
   * The same, for a server being terminated (Pending Terminate, Failed) whose instance Drover
   * has recorded: its instance was asked to end, and GCE drops a deleted instance from lists
   * at once, so waiting the full vanishGraceMs only delays HostDown and the farm's Terminated.
   * A list that merely lags is covered by the orphan sweep, which terminates any instance
   * still tagged with the farm after orphanGraceMs.
   */
  endingVanishGraceMs: number;
  /**
   * Least time between two identical cloud calls for one server (re-launching a Pending Launch
   * server, re-terminating a Pending Terminate one, re-stopping a Suspended one), so a burst of
   * event-triggered passes does not spend the API budget on calls already made.
   */
  retryAfterMs: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  orphanGraceMs: 5 * 60_000,
  vanishGraceMs: 2 * 60_000,
  platformVanishGraceMs: { gce: 15_000 },
  endingVanishGraceMs: 10_000,
  retryAfterMs: 30_000,
};

/** The vanish grace for one server's platform. */
export function vanishGraceFor(options: PlanOptions, platform: Platform): number {
  return Math.min(options.vanishGraceMs, options.platformVanishGraceMs[platform] ?? options.vanishGraceMs);
}

export interface PlanInput {
  farm: PlanFarm;
  servers: PlanServer[];
  /** Instances the clouds list with this farm's tag, from any number of regions; others are ignored. */
  observed: ObservedInstance[];
  now: Date;
  /**
   * The locations whose listing succeeded. Servers elsewhere are left as their records say:
   * no vanish, timeout or retry decision is taken on an absent observation. Omitted: every
   * location counts as observed.
   */
  observedLocations?: ObservedLocation[];
  /** Desired counts decided elsewhere (scaling rules), by farm role id; clamped to [min, max]. Default: min. */
  desiredCounts?: Record<string, number>;
  options?: Partial<PlanOptions>;
}
