// Which endpoints an event goes to: the enabled webhooks of its environment that name the event
// (or `*`) and whose farm / farm role filters admit it, and of their endpoints the enabled ones.
// An endpoint named by several matching webhooks gets the event once (one delivery per event and
// endpoint), with the largest attempt limit among them. Pure.
import { ANY_EVENT, type Webhook, type WebhookEndpoint } from '../../domain/schemas/webhook';
import type { DroverEvent } from '../../ports/event-publisher';

export type MatchableEvent = Pick<DroverEvent, 'name' | 'environmentId' | 'farmId' | 'farmRoleId'>;
export type MatchableWebhook = Pick<
  Webhook,
  'id' | 'environmentId' | 'enabled' | 'events' | 'farmIds' | 'farmRoleIds' | 'endpointIds' | 'maxAttempts'
>;

export interface EndpointMatch {
  endpointId: string;
  /** The matching webhooks, sorted; the first is the one the delivery is listed under. */
  webhookIds: string[];
  attemptLimit: number;
}

export function webhookMatches(webhook: MatchableWebhook, event: MatchableEvent): boolean {
  if (!webhook.enabled || webhook.environmentId !== event.environmentId) return false;
  if (!webhook.events.includes(ANY_EVENT) && !webhook.events.includes(event.name)) return false;
  if (webhook.farmIds.length > 0 && !(event.farmId && webhook.farmIds.includes(event.farmId))) return false;
  if (webhook.farmRoleIds.length > 0 && !(event.farmRoleId && webhook.farmRoleIds.includes(event.farmRoleId)))
    return false;
  return true;
}

export function matchEvent(
  event: MatchableEvent,
  webhooks: MatchableWebhook[],
  endpoints: Pick<WebhookEndpoint, 'id' | 'enabled'>[],
): EndpointMatch[] {
  const enabled = new Set(endpoints.filter((e) => e.enabled).map((e) => e.id));
  const byEndpoint = new Map<string, EndpointMatch>();
  for (const webhook of [...webhooks].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!webhookMatches(webhook, event)) continue;
    for (const endpointId of webhook.endpointIds) {
      if (!enabled.has(endpointId)) continue;
      const match = byEndpoint.get(endpointId);
      if (match) {
        match.webhookIds.push(webhook.id);
        match.attemptLimit = Math.max(match.attemptLimit, webhook.maxAttempts);
      } else
        byEndpoint.set(endpointId, {
          endpointId,
          webhookIds: [webhook.id],
          attemptLimit: webhook.maxAttempts,
        });
    }
  }
  return [...byEndpoint.values()].sort((a, b) => a.endpointId.localeCompare(b.endpointId));
}
