// Lambda entry point of the reconciler. Invoked by Drover events (spec saved, lifecycle, agent
// reports) and EC2 state-change notifications (EVENT_RULES), by the one-time schedules a pass asked
// for (FarmScheduler.lookAgainAt), and by the reconcile queue, which carries the farms the sweep
// found due (ports/farm-sweep.ts) as an SQS batch; the passes of one request and the look asked for
// after them: services/reconcile/reconcile-invocation.ts.
// The sweep itself runs here too, on the one schedule's SWEEP_TICK payload: a tick a minute keeps
// this function warm for the passes it queues, and a function of its own would cost the stack four
// more resources (function, role, policy, log group; test/infra/stack-size.test.ts keeps headroom).
// Farm tasks due this minute (README "Scheduled tasks") run on the same tick, for the same reason:
// they need what a pass has (the table, the bus, the sweep entries a launch ensures) and no schedule of their own.

import type { Context, SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { createLogger } from '../adapters/observability/logger';
import { farmTaskDepsFromEnvironment } from '../composition/farm-tasks';
import { reconcileDepsFromEnvironment } from '../composition/reconcile';
import { sweepDepsFromEnvironment } from '../composition/sweep';
import { type FarmTaskRunnerDeps, runDueTasks } from '../services/farm-tasks/run-due-tasks';
import type { ReconcileDeps } from '../services/reconcile/deps';
import { reconcileInvocation } from '../services/reconcile/reconcile-invocation';
import { SWEEP_TICK, type SweepDeps, sweepDueFarms } from '../services/reconcile/sweep-due-farms';
import { atLambdaEdge, lambdaOperationsMetrics } from './lambda-edge';
import { InvalidReconcileEvent, toReconcileRequests } from './reconcile-request';

let deps: ReconcileDeps | undefined;
let sweepDeps: SweepDeps | undefined;
let taskDeps: FarmTaskRunnerDeps | undefined;

type TimeLeft = Pick<Context, 'getRemainingTimeInMillis'>;

export async function handleInvocation(event: unknown, context: TimeLeft) {
  deps ??= reconcileDepsFromEnvironment();
  deps.metrics = lambdaOperationsMetrics;
  if (isSweepTick(event)) {
    sweepDeps ??= sweepDepsFromEnvironment();
    const swept = await sweepDueFarms(sweepDeps);
    deps.logger.info('swept', { ...swept });
    await runFarmTasks(deps.logger);
    return swept;
  }
  if (isQueueBatch(event)) return handleQueueBatch(deps, event.Records, context);
  return reconcileOne(deps, event, context);
}

/** A failing task sweep is logged, never the tick's failure: the farms were swept, the next tick tries the tasks again. */
async function runFarmTasks(logger: ReconcileDeps['logger']): Promise<void> {
  try {
    taskDeps ??= farmTaskDepsFromEnvironment();
    const d = taskDeps;
    const runs = await runDueTasks(d);
    if (runs.length > 0)
      d.logger.info('farm tasks ran', {
        runs: runs.map((r) => ({ taskId: r.taskId, action: r.action, outcome: r.outcome })),
      });
  } catch (error) {
    logger.error('farm task sweep failed', { error: error as Error });
  }
}

async function reconcileOne(d: ReconcileDeps, event: unknown, context: TimeLeft) {
  const trigger = toReconcileRequests(event);
  const invocation = await reconcileInvocation(d, trigger, () => context.getRemainingTimeInMillis());
  if (!invocation) return { result: 'not-managed' };
  d.logger.info('reconciled', { trigger, ...invocation });
  return { results: invocation.results };
}

/** The sweep's farms, side by side; a pass that failed is retried by the queue (ReportBatchItemFailures). */
export async function handleQueueBatch(
  d: ReconcileDeps,
  records: readonly Pick<SQSRecord, 'messageId' | 'body'>[],
  context: TimeLeft,
): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  await Promise.all(
    records.map(async (record) => {
      let request: unknown;
      try {
        request = JSON.parse(record.body);
      } catch {
        d.logger.error('not a reconcile request; dropped', { messageId: record.messageId });
        return;
      }
      try {
        await reconcileOne(d, request, context);
      } catch (error) {
        // A body that is no request never will be: dropped, not retried until the dead-letter queue.
        if (error instanceof InvalidReconcileEvent) {
          d.logger.error('not a reconcile request; dropped', { messageId: record.messageId, error });
          return;
        }
        d.logger.error('swept pass failed; the queue will retry it', {
          messageId: record.messageId,
          error: error as Error,
        });
        failures.push({ itemIdentifier: record.messageId });
      }
    }),
  );
  return { batchItemFailures: failures };
}

function isSweepTick(event: unknown): boolean {
  return (event as { sweep?: unknown } | null)?.sweep === SWEEP_TICK.sweep;
}

function isQueueBatch(event: unknown): event is { Records: SQSRecord[] } {
  const records = (event as { Records?: unknown } | null)?.Records;
  return Array.isArray(records) && records.every((r) => (r as SQSRecord)?.eventSource === 'aws:sqs');
}

// The pass logs under the id of the request or event that asked for it (a Drover event's
// correlationId); a scheduled or swept pass under the invocation's request id.
export const handler = atLambdaEdge(handleInvocation, { logger: createLogger() });
