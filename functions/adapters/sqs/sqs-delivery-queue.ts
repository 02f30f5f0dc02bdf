// DeliveryQueue on Amazon SQS: one message per unit of webhook work, JSON in the body. A delay
// longer than SQS allows (DelaySeconds ≤ 900) is cut to 15 minutes; the dispatcher sees the
// delivery is not due yet and queues it again for the rest (deliver.ts), so any delay works.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DeliveryMessage, DeliveryQueue } from '../../ports/delivery-queue';
import { currentCorrelationId } from '../observability/correlation-context';
import { traced } from '../observability/tracing';

export const SQS_MAX_DELAY_SECONDS = 900;

export interface SqsDeliveryQueueOptions {
  queueUrl: string;
  client?: SQSClient;
}

export function delaySecondsOf(delayMs: number): number {
  return Math.min(SQS_MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
}

export function createSqsDeliveryQueue(options: SqsDeliveryQueueOptions): DeliveryQueue {
  const client = options.client ?? traced(new SQSClient({}));
  return {
    async enqueue(message: DeliveryMessage, delayMs: number) {
      await client.send(
        new SendMessageCommand({
          QueueUrl: options.queueUrl,
          // The next attempt logs under the id of the work that queued it.
          MessageBody: JSON.stringify({ correlationId: currentCorrelationId(), ...message }),
          DelaySeconds: delaySecondsOf(delayMs),
        }),
      );
    },
  };
}
