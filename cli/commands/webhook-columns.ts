// The tables `drover webhooks …` prints: endpoints, webhooks, deliveries and their attempts.
import type {
  Delivery,
  DeliveryAttempt,
  Webhook,
  WebhookEndpoint,
} from '../../functions/domain/schemas/webhook';
import type { Column, Palette } from '../output';

export const endpointColumns: Column<WebhookEndpoint>[] = [
  { header: 'url', value: (e) => e.url },
  { header: 'enabled', value: (e) => (e.enabled ? 'yes' : 'no') },
  { header: 'timeout', value: (e) => `${e.timeoutSeconds}s` },
  { header: 'secret', value: (e) => `…${e.secretHint}${e.previousSecretExpiresAt ? ' (rotating)' : ''}` },
  { header: 'id', value: (e) => e.id },
];

export const webhookColumns: Column<Webhook>[] = [
  { header: 'name', value: (w) => w.name },
  { header: 'enabled', value: (w) => (w.enabled ? 'yes' : 'no') },
  { header: 'events', value: (w) => w.events.join(',') },
  { header: 'endpoints', value: (w) => String(w.endpointIds.length) },
  { header: 'attempts', value: (w) => String(w.maxAttempts) },
  { header: 'id', value: (w) => w.id },
];

const paintStatus = (text: string, p: Palette) =>
  text.startsWith('succeeded') ? p.green(text) : text.startsWith('failed') ? p.red(text) : p.yellow(text);

export const deliveryColumns: Column<Delivery>[] = [
  { header: 'delivery', value: (d) => d.id },
  { header: 'event', value: (d) => d.event.name },
  { header: 'status', value: (d) => d.status, paint: paintStatus },
  { header: 'attempts', value: (d) => String(d.attemptCount) },
  { header: 'http', value: (d) => String(d.attempts.at(-1)?.httpStatus ?? '-') },
  { header: 'created', value: (d) => d.createdAt },
  { header: 'error', value: (d) => d.attempts.at(-1)?.error ?? '' },
];

type AttemptRow = DeliveryAttempt & { deliveryId: string };
export const attemptColumns: Column<AttemptRow>[] = [
  { header: 'delivery', value: (a) => a.deliveryId },
  { header: '#', value: (a) => String(a.number) },
  { header: 'outcome', value: (a) => a.outcome },
  { header: 'http', value: (a) => String(a.httpStatus ?? '-') },
  { header: 'latency', value: (a) => (a.latencyMs === null ? '-' : `${Math.round(a.latencyMs)}ms`) },
  { header: 'started', value: (a) => a.startedAt },
  { header: 'next retry', value: (a) => a.nextRetryAt ?? '-' },
  { header: 'error', value: (a) => a.error ?? '' },
];
