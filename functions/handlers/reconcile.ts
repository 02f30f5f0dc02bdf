// Lambda entry point of the reconciler. Invoked by the farm's schedule (every minute), by
// Drover events (spec saved, lifecycle, agent reports) and by EC2 state-change notifications
// (EVENT_RULES) and by the one-time schedules a pass asked for (FarmScheduler.lookAgainAt); the
// passes of one invocation and the look asked for after them: services/reconcile/reconcile-invocation.ts.

import type { Context } from 'aws-lambda';
import { createLogger } from '../adapters/observability/logger';
import { reconcileDepsFromEnvironment } from '../composition/reconcile';
import type { ReconcileDeps } from '../services/reconcile/deps';
import { reconcileInvocation } from '../services/reconcile/reconcile-invocation';
import { atLambdaEdge, lambdaOperationsMetrics } from './lambda-edge';
import { toReconcileRequests } from './reconcile-request';

let deps: ReconcileDeps | undefined;

export async function handleInvocation(event: unknown, context: Pick<Context, 'getRemainingTimeInMillis'>) {
  deps ??= reconcileDepsFromEnvironment();
  deps.metrics = lambdaOperationsMetrics;
  const trigger = toReconcileRequests(event);
  const invocation = await reconcileInvocation(deps, trigger, () => context.getRemainingTimeInMillis());
  if (!invocation) return { result: 'not-managed' };
  deps.logger.info('reconciled', { trigger, ...invocation });
  return { results: invocation.results };
}

// The pass logs under the id of the request or event that asked for it (a Drover event's
// correlationId); a schedule's pass under the invocation's request id.
export const handler = atLambdaEdge(handleInvocation, { logger: createLogger() });
