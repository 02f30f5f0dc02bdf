// A new delivery of one event to one endpoint, under an id derived from both, and the body every
// attempt of it sends.
import type { DeliveredEvent, Delivery } from '../../domain/schemas/webhook';
import type { DroverEvent } from '../../ports/event-publisher';
import { derivedId } from '../derived-id';

/** The delivery id of an event to an endpoint: the same for every retry and every re-read of the event. */
export const deliveryIdOf = (eventId: string, endpointId: string): string =>
  derivedId('delivery', eventId, endpointId);

export function deliveredEventOf(event: DroverEvent): DeliveredEvent {
  return {
    id: event.id,
    name: event.name,
    environmentId: event.environmentId,
    ...(event.farmId ? { farmId: event.farmId } : {}),
    ...(event.farmRoleId ? { farmRoleId: event.farmRoleId } : {}),
    ...(event.serverId ? { serverId: event.serverId } : {}),
    actor: event.actor,
    message: event.message,
    payload: event.payload,
    at: event.at,
  };
}

export function newDelivery(
  event: DroverEvent,
  target: { endpointId: string; webhookIds: string[]; attemptLimit: number },
  now: Date,
): Delivery {
  const at = now.toISOString();
  return {
    id: deliveryIdOf(event.id, target.endpointId),
    accountId: event.accountId,
    environmentId: event.environmentId,
    endpointId: target.endpointId,
    webhookId: target.webhookIds[0] ?? null,
    webhookIds: target.webhookIds,
    event: deliveredEventOf(event),
    status: 'pending',
    attemptLimit: target.attemptLimit,
    attemptsPerRound: target.attemptLimit,
    attemptCount: 0,
    attempts: [],
    nextAttemptAt: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** The JSON body: the same bytes on every attempt of a delivery. */
export function bodyOf(delivery: Delivery): string {
  return JSON.stringify({
    deliveryId: delivery.id,
    endpointId: delivery.endpointId,
    webhookIds: delivery.webhookIds,
    event: delivery.event,
  });
}
