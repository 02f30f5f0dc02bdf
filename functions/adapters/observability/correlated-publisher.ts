// Stamps each published Drover event with the current correlation id, so the functions the
// event reaches (reconcile, orchestration, the webhook dispatcher) log under the id of the
// request or pass that caused it. One wrapper around any EventPublisher, applied where the
// publisher is built (the Lambda deps, the local runtime).
import type { EventPublisher } from '../../ports/event-publisher';
import { currentCorrelationId } from './correlation-context';

export function correlatedPublisher(publisher: EventPublisher): EventPublisher {
  return {
    publish(events) {
      const correlationId = currentCorrelationId();
      if (!correlationId) return publisher.publish(events);
      return publisher.publish(events.map((event) => ({ correlationId, ...event })));
    },
  };
}
