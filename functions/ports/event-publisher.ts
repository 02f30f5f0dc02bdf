// EventPublisher: puts Drover's events on the `drover` bus (EventBridge in AWS, the
// in-process bus locally). Webhooks, orchestration and the reconciler subscribe by rules.
export interface DroverEvent {
  /** Unique id (ULID), also the farm event log's id. */
  id: string;
  /** Event name = EventBridge detail-type: HostUp, FarmLaunched, ServerReplaced, … */
  name: string;
  accountId: string;
  environmentId: string;
  farmId?: string;
  farmRoleId?: string;
  serverId?: string;
  /** Who caused it: a user id, `system` (the reconciler) or `agent`. */
  actor: string;
  message: string;
  payload: Record<string, unknown>;
  at: string;
  /** The id of the request or pass that caused it, stamped when it is published (operators' logs). */
  correlationId?: string;
}

export const EVENT_SOURCE = 'drover';

export interface EventPublisher {
  /** Publishes in order; at-least-once. */
  publish(events: DroverEvent[]): Promise<void>;
}
