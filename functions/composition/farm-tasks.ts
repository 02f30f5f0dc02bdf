// The composition root of the farm-task runner (run on the sweep tick in handlers/reconcile.ts): the store, the bus (a
// launch or terminate publishes its request for the reconciler) and the farms' scheduler (a
// launched farm gets its safety-net schedule), as the lifecycle API group has them.
import { createLogger } from '../adapters/observability/logger';
import { systemClock } from '../ports/clock';
import type { FarmTaskRunnerDeps } from '../services/farm-tasks/run-due-tasks';
import {
  publisherFromEnvironment,
  schedulerFromEnvironment,
  storeFromEnvironment,
} from './ports-from-environment';

export function farmTaskDepsFromEnvironment(): FarmTaskRunnerDeps {
  return {
    store: storeFromEnvironment(),
    clock: systemClock,
    publisher: publisherFromEnvironment(),
    scheduler: schedulerFromEnvironment(),
    logger: createLogger('drover-farm-tasks'),
  };
}
