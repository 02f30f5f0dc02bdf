// DeliveryQueue: where webhook work waits — a Drover event to fan out, or a delivery whose next
// attempt is due after a delay. In AWS an SQS queue (with a DLQ) that the EventBridge rule also
// feeds; locally an in-process queue with timers. At-least-once: a message may arrive twice,
// and the dispatcher is idempotent by delivery id and version.
import type { DroverEvent } from './event-publisher';

export type DeliveryMessage =
  | { kind: 'event'; event: DroverEvent }
  | { kind: 'attempt'; accountId: string; deliveryId: string; correlationId?: string };

export interface DeliveryQueue {
  /** Makes the message visible after `delayMs` (SQS caps one delay at 15 minutes; later is re-queued). */
  enqueue(message: DeliveryMessage, delayMs: number): Promise<void>;
}
