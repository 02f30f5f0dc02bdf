// The dispatcher: turns a Drover event into deliveries (one per matching endpoint, created
// idempotently under an id derived from the event and endpoint, so an event seen twice makes no
// second delivery) and makes each one's first attempt. Queue messages come here, whether from
// SQS (AWS) or the in-process queue (local).
import type { Webhook } from '../../domain/schemas/webhook';
import type { DeliveryMessage } from '../../ports/delivery-queue';
import type { DroverEvent } from '../../ports/event-publisher';
import type { EnvironmentScope } from '../../ports/repo-scopes';
import type { StoredWebhookEndpoint } from '../../ports/store';
import { type AttemptResult, attemptDelivery, newDelivery, startDelivery } from './deliver';
import type { WebhookDeps } from './deps';
import { matchEvent } from './match';

interface EnvironmentConfig {
  webhooks: Webhook[];
  endpoints: StoredWebhookEndpoint[];
  readAt: number;
}

// Per process, for configCacheMs: a burst of events of one environment reads its webhooks and
// endpoints once. Writes through this process forget the environment at once (the local runtime
// runs API and dispatcher together); in AWS the API is another process, so a change reaches a
// warm dispatcher within configCacheMs. Retries always read their endpoint fresh.
const configCache = new Map<string, EnvironmentConfig>();
const cacheKey = (scope: EnvironmentScope) => `${scope.accountId}/${scope.environmentId}`;

export function forgetEnvironmentConfig(scope: EnvironmentScope): void {
  configCache.delete(cacheKey(scope));
}

async function environmentConfig(deps: WebhookDeps, scope: EnvironmentScope): Promise<EnvironmentConfig> {
  const key = cacheKey(scope);
  const ttl = deps.webhookSettings.configCacheMs;
  const cached = configCache.get(key);
  if (cached && ttl > 0 && Date.now() - cached.readAt < ttl) return cached;
  const [webhooks, endpoints] = await Promise.all([
    deps.store.webhooks.listAll(scope),
    deps.store.webhookEndpoints.listAll(scope),
  ]);
  const config = { webhooks, endpoints, readAt: Date.now() };
  if (ttl > 0) configCache.set(key, config);
  return config;
}

/** Fans an event out to its endpoints; returns the outcome of each first attempt. */
export async function dispatchEvent(deps: WebhookDeps, event: DroverEvent): Promise<AttemptResult[]> {
  const scope = { accountId: event.accountId, environmentId: event.environmentId };
  const { webhooks, endpoints } = await environmentConfig(deps, scope);
  const byId = new Map(endpoints.map((e) => [e.endpoint.id, e]));
  const matches = matchEvent(
    event,
    webhooks,
    endpoints.map((e) => e.endpoint),
  );
  const now = deps.clock.now();
  // An event seen before (the queue delivers at least once) finds its deliveries existing: they carry on.
  return Promise.all(
    matches.map((match) => startDelivery(deps, newDelivery(event, match, now), byId.get(match.endpointId))),
  );
}

export async function handleDeliveryMessage(deps: WebhookDeps, message: DeliveryMessage): Promise<void> {
  if (message.kind === 'event') await dispatchEvent(deps, message.event);
  else await attemptDelivery(deps, { accountId: message.accountId, deliveryId: message.deliveryId });
}
