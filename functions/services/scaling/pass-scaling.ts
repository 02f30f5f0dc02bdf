// The reconcile pass's scaling step with its readers: the stored ones (agent, custom, pushed)
// made fresh for the pass (they share listings within it), and whatever the deployment adds
// (sqs, http).
import type { Farm } from '../../domain/schemas/farm';
import type { Server } from '../../domain/schemas/server';
import type { EventPublisher } from '../../ports/event-publisher';
import type { ScalingMetricReaders } from '../../ports/scaling-metrics';
import type { Store } from '../../ports/store';
import type { ScalingStep } from './evaluate-scaling';
import { scaleFarmRoles } from './scale-farm-roles';
import { storedSampleReaders } from './stored-readers';

export interface PassScalingDeps {
  store: Pick<Store, 'scalingStates' | 'farmEvents' | 'metricSamples'>;
  publisher: EventPublisher;
  scalingReaders?: ScalingMetricReaders;
  scalingPeriodMs?: number;
}

export function passScaling(
  deps: PassScalingDeps,
  farm: Farm,
  servers: readonly Server[],
  now: Date,
  beforeWrite: () => void,
): Promise<ScalingStep> {
  const readers = { ...storedSampleReaders(deps.store.metricSamples), ...deps.scalingReaders };
  return scaleFarmRoles(
    { ...deps, readers, periodMs: deps.scalingPeriodMs },
    farm,
    servers,
    now,
    beforeWrite,
  );
}

/** The earlier of two ISO times (null: none). */
export function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}
