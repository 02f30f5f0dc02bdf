// What webhook use-cases need: the store and secret box every service has, the delivery queue,
// the network (the egress guard and the transport) and the deployment's settings.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Clock } from '../../ports/clock';
import type { DeliveryQueue } from '../../ports/delivery-queue';
import type { OperationsMetrics } from '../../ports/operations-metrics';
import type { SecretBox } from '../../ports/secret-box';
import type { Store } from '../../ports/store';
import type { WebhookTransport } from '../../ports/webhook-transport';
import type { Egress } from '../egress/egress-guard';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type WebhookRepos = Pick<
  Store,
  'audit' | 'credentials' | 'deliveries' | 'environments' | 'farms' | 'webhookEndpoints' | 'webhooks'
>;

export interface RetryPolicy {
  /** The first retry waits up to this long (full jitter: a random delay in [0, cap]). */
  baseDelayMs: number;
  /** The cap doubles per attempt up to this. */
  maxDelayMs: number;
  /** A receiver's Retry-After is honoured up to this. */
  maxRetryAfterMs: number;
}

export interface WebhookSettings {
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
  store: WebhookRepos;
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
  deliveryQueue: DeliveryQueue;
  /** Hosted mode's egress rules (services/egress), checked at save and again at each send. */
  egress: Egress;
  transport: WebhookTransport;
  webhookSettings: WebhookSettings;
  /** The operator's figures: deliveries and failures (EMF in Lambda); none when absent. */
  metrics?: OperationsMetrics;
  /** [0, 1), for the jitter; Math.random unless a test pins it. */
  random?: () => number;
}
