// What webhook use-cases need: the store and secret box every service has, the delivery queue,
// the network (resolver and transport) and the deployment's settings.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Clock } from '../../ports/clock';
import type { DeliveryQueue } from '../../ports/delivery-queue';
import type { SecretBox } from '../../ports/secret-box';
import type { Store } from '../../ports/store';
import type { HostResolver, WebhookTransport } from '../../ports/webhook-transport';

export interface RetryPolicy {
  /** The first retry waits up to this long (full jitter: a random delay in [0, cap]). */
  baseDelayMs: number;
  /** The cap doubles per attempt up to this. */
  maxDelayMs: number;
  /** A receiver's Retry-After is honoured up to this. */
  maxRetryAfterMs: number;
}

export interface WebhookSettings {
  /**
   * Hosted mode (on in AWS, off in the local runtime): endpoints must be https and resolve only
   * to public addresses, checked at save and again at each send.
   */
  hosted: boolean;
  retry: RetryPolicy;
  /** How long the dispatcher may reuse an environment's webhooks and endpoints (0: read each time). */
  configCacheMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 10_000,
  maxDelayMs: 3_600_000,
  maxRetryAfterMs: 3_600_000,
};

export interface WebhookDeps {
  store: Store;
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
  deliveryQueue: DeliveryQueue;
  resolver: HostResolver;
  transport: WebhookTransport;
  webhookSettings: WebhookSettings;
  /** The operator's figures: deliveries and failures (EMF in Lambda); none when absent. */
  metrics?: OperationsMetrics;
  /** [0, 1), for the jitter; Math.random unless a test pins it. */
  random?: () => number;
}
