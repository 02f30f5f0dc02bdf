// The observe step of a pass: every location the farm's spec or a live record names is listed,
// filtered by the farm's tags. A location whose listing fails is left out of `observedLocations`,
// so the planner decides nothing there (plan-input.ts), and the failure is one of the pass's problems.
import type { ObservedInstance } from '../../domain/clouds/observed-instance';
import type { ObservedLocation } from '../../domain/planning';
import type { Farm } from '../../domain/schemas/farm';
import type { Server } from '../../domain/schemas/server';
import { describeFailure } from '../cloud-failure';
import type { CloudAccess } from './cloud-access';
import type { ReconcileDeps } from './deps';

export interface CloudObservation {
  observed: ObservedInstance[];
  observedLocations: ObservedLocation[];
  problems: string[];
}

export async function observeClouds(
  deps: Pick<ReconcileDeps, 'logger'>,
  access: CloudAccess,
  farm: Farm,
  servers: readonly Server[],
): Promise<CloudObservation> {
  const locations = new Map<string, { platform: 'aws' | 'gce'; credentialsId: string; region: string }>();
  for (const l of [...farm.farmRoles, ...servers.filter((s) => s.status !== 'Terminated')]) {
    locations.set(`${l.platform}/${l.credentialsId}/${l.region}`, {
      platform: l.platform,
      credentialsId: l.credentialsId,
      region: l.region,
    });
  }
  const seen: CloudObservation = { observed: [], observedLocations: [], problems: [] };
  await Promise.all(
    [...locations.values()].map(async (l) => {
      try {
        const driver = await access.driver(l.credentialsId);
        seen.observed.push(
          ...(await driver.listInstances(l.region, { accountId: farm.accountId, farmId: farm.id })),
        );
        seen.observedLocations.push({ platform: l.platform, region: l.region });
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
