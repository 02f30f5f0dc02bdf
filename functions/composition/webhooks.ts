// The composition root of the webhook functions (the `webhooks` API group and the dispatcher):
// their deps from the environment, each port on first use, once per cold start. Beyond the
// shared ports (ports-from-environment.ts: TABLE_NAME, SECRETS_KEY_ID, AUTH_ISSUER…):
//   WEBHOOK_QUEUE_URL      deliveryQueue   the SQS queue of webhook work (events and retries)
//   DROVER_HOSTED, DROVER_EGRESS_ALLOW    egress   hosted mode's rules (egress-from-environment.ts)
//   WEBHOOK_RETRY_BASE_MS, WEBHOOK_RETRY_MAX_MS   optional backoff tuning
//   WEBHOOK_CONFIG_CACHE_MS                        how long a warm dispatcher reuses an
//                                                  environment's webhooks (default 5000)
import { createSqsDeliveryQueue } from '../adapters/sqs/sqs-delivery-queue';
import { createNodeHttpTransport } from '../adapters/webhooks/node-http-transport';
import type { WebhookApiDeps } from '../handlers/api/deps';
import type { DeliveryQueue } from '../ports/delivery-queue';
import { DEFAULT_RETRY_POLICY, type WebhookSettings } from '../services/webhooks/deps';
import { apiDepsFromEnvironment } from './api';
import { egressFromEnvironment } from './egress-from-environment';
import { lazyPorts } from './lazy-ports';

export function webhookSettingsFromEnvironment(env = process.env): WebhookSettings {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return env[name] && Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  return {
    retry: {
      baseDelayMs: number('WEBHOOK_RETRY_BASE_MS', DEFAULT_RETRY_POLICY.baseDelayMs),
      maxDelayMs: number('WEBHOOK_RETRY_MAX_MS', DEFAULT_RETRY_POLICY.maxDelayMs),
      maxRetryAfterMs: DEFAULT_RETRY_POLICY.maxRetryAfterMs,
    },
    configCacheMs: number('WEBHOOK_CONFIG_CACHE_MS', 5_000),
  };
}

export function webhookDepsFromEnvironment(): WebhookApiDeps {
  const base = apiDepsFromEnvironment();
  let queue: DeliveryQueue | undefined;
  const queueUrl = () => {
    const url = process.env.WEBHOOK_QUEUE_URL;
    if (!url) throw new Error('WEBHOOK_QUEUE_URL is not set');
    return url;
  };
  // Read through, not spread: reading base.store builds the store, and a port is only built when used.
  const ports = lazyPorts<Pick<WebhookApiDeps, 'store' | 'secrets'>>({
    store: () => base.store,
    secrets: () => base.secrets,
  });
  const rest: Omit<WebhookApiDeps, 'store' | 'secrets'> = {
    authenticator: base.authenticator,
    agentTokens: base.agentTokens,
    logger: base.logger,
    clock: base.clock,
    deliveryQueue: {
      enqueue: (message, delayMs) => {
        queue ??= createSqsDeliveryQueue({ queueUrl: queueUrl() });
        return queue.enqueue(message, delayMs);
      },
    },
    egress: egressFromEnvironment(),
    transport: createNodeHttpTransport(),
    webhookSettings: webhookSettingsFromEnvironment(),
  };
  return Object.assign(ports, rest);
}
