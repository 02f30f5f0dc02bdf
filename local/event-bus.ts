// The local runtime's `drover` bus: publishes in process, and routes each event by the same
// EVENT_RULES that infra/ turns into EventBridge rules, so local and deployed routing agree.
// Subscribers (tests, later webhooks) see every event.
import { EVENT_RULES, type EventTarget, matchesRule } from '../functions/handlers/event-rules';
import { type DroverEvent, EVENT_SOURCE, type EventPublisher } from '../functions/ports/event-publisher';

/** An event as EventBridge delivers it to a rule's target. */
export interface BusEvent {
  source: string;
  'detail-type': string;
  region?: string;
  account?: string;
  detail: unknown;
}

export class InProcessEventBus implements EventPublisher {
  private readonly targets = new Map<EventTarget, (event: BusEvent) => void>();
  private readonly subscribers = new Set<(event: DroverEvent) => void>();

  /** Where a rule's target is delivered (the local stand-in for a Lambda target). */
  route(target: EventTarget, deliver: (event: BusEvent) => void): void {
    this.targets.set(target, deliver);
  }

  subscribe(listener: (event: DroverEvent) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  async publish(events: DroverEvent[]): Promise<void> {
    for (const event of events) {
      for (const listener of this.subscribers) listener(event);
      this.put({ source: EVENT_SOURCE, 'detail-type': event.name, detail: event });
    }
  }

  /** Puts any event on the bus (e.g. an EC2 state-change notification from the sandbox). */
  put(event: BusEvent): void {
    for (const rule of EVENT_RULES) {
      if (!matchesRule(rule, event)) continue;
      const deliver = this.targets.get(rule.target);
      // Delivery is asynchronous, as on EventBridge: the publisher never waits for the target.
      if (deliver) queueMicrotask(() => deliver(event));
    }
  }
}
