// The observe step of a pass: every location the farm's spec or a live record names is
// observed through the inventory (inventory-reads.ts): the shared snapshot for a quiet farm, its
// own list when it is acting (farm-activity.ts) or its slice has a change noted. A location
// whose observation fails is left out of `observedLocations`, so the planner decides nothing
// there (plan-input.ts), and the failure is one of the pass's problems.
import type { ObservedInstance } from '../../domain/clouds/observed-instance';
import type { ObservedLocation } from '../../domain/planning';
import type { Farm } from '../../domain/schemas/farm';
import type { Server } from '../../domain/schemas/server';
import { METRIC } from '../../ports/operations-metrics';
import type { ReconcileSummary } from '../../ports/store';
import { describeFailure } from '../cloud-failure';
import type { CloudAccess } from './cloud-access';
import type { ReconcileDeps } from './deps';
import { actingReason } from './farm-activity';
import { DEFAULT_INVENTORY_TIMING, type LocationRead, observeLocation } from './inventory-reads';

export interface CloudObservation {
  observed: ObservedInstance[];
  observedLocations: ObservedLocation[];
  problems: string[];
  /** How each location was observed, counted (the benchmark's and the log's figure). */
  reads: Partial<Record<LocationRead, number>>;
}

export async function observeClouds(
  deps: Pick<ReconcileDeps, 'logger' | 'store' | 'clock' | 'inventoryTiming' | 'metrics'>,
  access: CloudAccess,
  farm: Farm,
  servers: readonly Server[],
  previous: ReconcileSummary | undefined,
): Promise<CloudObservation> {
  const locations = new Map<
    string,
    { platform: Server['platform']; credentialsId: string; region: string }
  >();
  for (const l of [...farm.farmRoles, ...servers.filter((s) => s.status !== 'Terminated')]) {
    locations.set(`${l.platform}/${l.credentialsId}/${l.region}`, {
      platform: l.platform,
      credentialsId: l.credentialsId,
      region: l.region,
    });
  }
  const acting = actingReason(farm, servers, previous) !== null;
  const timing = { ...DEFAULT_INVENTORY_TIMING, ...deps.inventoryTiming };
  const seen: CloudObservation = { observed: [], observedLocations: [], problems: [], reads: {} };
  await Promise.all(
    [...locations.values()].map(async (l) => {
      try {
        const context = {
          inventory: deps.store.inventory,
          clock: deps.clock,
          timing,
          driver: () => access.driver(l.credentialsId),
        };
        const location = { accountId: farm.accountId, ...l };
        const { instances, read } = await observeLocation(context, location, farm.id, acting);
        seen.observed.push(...instances);
        seen.observedLocations.push({ platform: l.platform, region: l.region });
        seen.reads[read] = (seen.reads[read] ?? 0) + 1;
        deps.metrics?.add(METRIC.inventoryReads, 1, 'Count', { name: 'read', value: read });
      } catch (err) {
        deps.logger.warn('could not list instances', {
          farmId: farm.id,
          platform: l.platform,
          region: l.region,
          error: err as Error,
        });
        seen.problems.push(`could not list ${l.platform} ${l.region}: ${describeFailure(err)}`);
      }
    }),
  );
  return seen;
}
