// Lambda entry point of the webhook dispatcher, fed by the webhook SQS queue. A record is either
// a Drover event that the EventBridge rule put on the queue (the EventBridge envelope, `detail`
// being the DroverEvent) or a message the dispatcher queued itself (an attempt that is due).
// Records are handled concurrently; the ones that fail are reported as batch item failures
// (ReportBatchItemFailures) so SQS retries only them, and after maxReceiveCount parks them in
// the DLQ. A record that can never be understood is logged and dropped, not retried forever.
// Each record is handled under the correlation id it carries (its event's, or the one stamped on
// a queued attempt), so a delivery logs under the id of the request that caused its event.
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { correlationIdOfEvent, withCorrelationId } from '../adapters/observability/correlation-context';
import { createLogger } from '../adapters/observability/logger';
import { webhookDepsFromEnvironment } from '../composition/webhooks';
import type { DeliveryMessage } from '../ports/delivery-queue';
import { EVENT_SOURCE } from '../ports/event-publisher';
import type { WebhookDeps } from '../services/webhooks/deps';
import { handleDeliveryMessage } from '../services/webhooks/dispatch';
import { atLambdaEdge, lambdaOperationsMetrics } from './lambda-edge';

let deps: WebhookDeps | undefined;

/** The work a queue record carries, or null when it is not webhook work. */
export function toDeliveryMessage(body: string): DeliveryMessage | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const record = parsed as Record<string, unknown>;
  if (record.source === EVENT_SOURCE && typeof record['detail-type'] === 'string') {
    const detail = record.detail as Record<string, unknown> | undefined;
    if (detail && typeof detail.accountId === 'string' && typeof detail.environmentId === 'string')
      return { kind: 'event', event: detail as never };
    return null;
  }
  if (
    record.kind === 'attempt' &&
    typeof record.accountId === 'string' &&
    typeof record.deliveryId === 'string'
  )
    return { kind: 'attempt', accountId: record.accountId, deliveryId: record.deliveryId };
  if (record.kind === 'event' && record.event && typeof record.event === 'object')
    return { kind: 'event', event: record.event as never };
  return null;
}

export async function handleRecords(d: WebhookDeps, records: SQSRecord[]): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  await Promise.all(
    records.map((record) =>
      withCorrelationId(correlationIdOfBody(record.body), async () => {
        const message = toDeliveryMessage(record.body);
        if (!message) {
          d.logger.error('not webhook work; dropped', { messageId: record.messageId });
          return;
        }
        try {
          await handleDeliveryMessage(d, message);
        } catch (error) {
          d.logger.error('webhook work failed; SQS will retry it', {
            messageId: record.messageId,
            error: error as Error,
          });
          failures.push({ itemIdentifier: record.messageId });
        }
      }),
    ),
  );
  return { batchItemFailures: failures };
}

function correlationIdOfBody(body: string): string | undefined {
  try {
    return correlationIdOfEvent(JSON.parse(body));
  } catch {
    return undefined;
  }
}

async function handleBatch(event: SQSEvent, _context: Context): Promise<SQSBatchResponse> {
  if (!deps) {
    deps = webhookDepsFromEnvironment();
    deps.metrics = lambdaOperationsMetrics;
  }
  return handleRecords(deps, event.Records);
}

export const handler = atLambdaEdge(handleBatch, {
  logger: createLogger(),
  correlationIdOf: () => undefined,
});
