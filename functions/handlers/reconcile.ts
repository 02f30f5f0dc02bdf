// Lambda entry point of the reconciler. Invoked by the farm's schedule (every minute), by
// Drover events (spec saved, lifecycle, agent reports) and by EC2 state-change notifications
// (EVENT_RULES). While the farm asks to be looked at again within seconds (servers booting),
// it runs further passes in the same invocation, within the time it has left.

import type { Context } from 'aws-lambda';
import { createLogger } from '../adapters/observability/logger';
import { reconcileDepsFromEnvironment } from '../composition/reconcile';
import type { ReconcileDeps } from '../services/reconcile/deps';
import { reconcileTrigger } from '../services/reconcile/reconcile-trigger';
import { atLambdaEdge, lambdaOperationsMetrics } from './lambda-edge';
import { toReconcileRequests } from './reconcile-request';

const MAX_FOLLOW_UP_MS = 5_000;
const MAX_PASSES = 10;
const SAFETY_MS = 15_000;

let deps: ReconcileDeps | undefined;

export async function handleInvocation(event: unknown, context: Pick<Context, 'getRemainingTimeInMillis'>) {
  deps ??= reconcileDepsFromEnvironment();
  deps.metrics = lambdaOperationsMetrics;
  const trigger = toReconcileRequests(event);
  const results = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const outcome = await reconcileTrigger(deps, trigger);
    if (!outcome) return { result: 'not-managed' };
    results.push(outcome.result);
    const wait = outcome.recheckAfterMs;
    if (wait === null || wait > MAX_FOLLOW_UP_MS || context.getRemainingTimeInMillis() < wait + SAFETY_MS)
      break;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  deps.logger.info('reconciled', { trigger, results });
  return { results };
}

// The pass logs under the id of the request or event that asked for it (a Drover event's
// correlationId); a schedule's pass under the invocation's request id.
export const handler = atLambdaEdge(handleInvocation, { logger: createLogger() });
