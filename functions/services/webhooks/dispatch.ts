// The dispatcher: turns a Drover event into deliveries (one per matching endpoint, created
// idempotently under an id derived from the event and endpoint, so an event seen twice makes no
// second delivery) and makes each one's first attempt. Queue messages come here, whether from
// SQS (AWS) or the in-process queue (local).
import { Conflict } from '../../domain/errors';
import type { Webhook, WebhookEndpoint } from '../../domain/schemas/webhook';
import type { DeliveryMessage } from '../../ports/delivery-queue';
import type { DroverEvent } from '../../ports/event-publisher';
import type { EnvironmentScope } from '../../ports/store';
import { type AttemptResult, attemptDelivery, newDelivery } from './deliver';
import type { WebhookDeps } from './deps';
import { matchEvent } from './match';

interface EnvironmentConfig {
  webhooks: Webhook[];
  endpoints: WebhookEndpoint[];
  readAt: number;
}

// Per process: the Lambda reuses it across invocations for configCacheMs (a burst of events of
// one environment then reads its webhooks once).
const configCache = new Map<string, EnvironmentConfig>();

async function environmentConfig(deps: WebhookDeps, scope: EnvironmentScope): Promise<EnvironmentConfig> {
  const key = `${scope.accountId}/${scope.environmentId}`;
  const ttl = deps.webhookSettings.configCacheMs;
  const cached = configCache.get(key);
  if (cached && ttl > 0 && Date.now() - cached.readAt < ttl) return cached;
  const [webhooks, endpoints] = await Promise.all([
    deps.store.webhooks.listAll(scope),
    allEndpoints(deps, scope),
  ]);
  const config = { webhooks, endpoints, readAt: Date.now() };
  if (ttl > 0) configCache.set(key, config);
  return config;
}

async function allEndpoints(deps: WebhookDeps, scope: EnvironmentScope): Promise<WebhookEndpoint[]> {
  const all: WebhookEndpoint[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.webhookEndpoints.list(scope, { limit: 200, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** Fans an event out to its endpoints; returns the outcome of each first attempt. */
export async function dispatchEvent(deps: WebhookDeps, event: DroverEvent): Promise<AttemptResult[]> {
  const scope = { accountId: event.accountId, environmentId: event.environmentId };
  const { webhooks, endpoints } = await environmentConfig(deps, scope);
  const matches = matchEvent(event, webhooks, endpoints);
  const now = deps.clock.now();
  return Promise.all(
    matches.map(async (match) => {
      const delivery = newDelivery(event, match, now);
      try {
        await deps.store.deliveries.create(delivery);
      } catch (err) {
        // Seen before (the queue delivers at least once): the existing delivery carries on.
        if (!(err instanceof Conflict)) throw err;
      }
      return attemptDelivery(deps, { accountId: event.accountId, deliveryId: delivery.id });
    }),
  );
}

export async function handleDeliveryMessage(deps: WebhookDeps, message: DeliveryMessage): Promise<void> {
  if (message.kind === 'event') await dispatchEvent(deps, message.event);
  else await attemptDelivery(deps, { accountId: message.accountId, deliveryId: message.deliveryId });
}
