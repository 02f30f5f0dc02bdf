// Webhook endpoints, webhooks and deliveries on the single table (keys.ts):
//   endpoint   ACC#<acc>#ENV#<env>   WHE#<id>
//   webhook    ACC#<acc>#ENV#<env>   WH#<id>
//   delivery   ACC#<acc>#DLV#<id>    META      gsi1: ACC#<acc>#WH#<webhook> / DLV#<createdAt>#<id>
// Deliveries, with the attempts they hold, expire (TTL) after the account's webhookDeliveryDays
// (default 30) from their creation: history is for diagnosis, not an archive.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Webhook } from '../../domain/schemas/webhook';
import type {
  DeliveryRepo,
  StoredWebhookEndpoint,
  WebhookEndpointRepo,
  WebhookRepo,
} from '../../ports/store';
import { createDeliveryRepo } from './delivery-repo';
import type { ItemExpiry } from './item-expiry';
import { environmentPartition, keys } from './keys';
import type { VersionedItems } from './versioned-items';

export function createWebhookRepos(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
  expiry: ItemExpiry,
): { webhookEndpoints: WebhookEndpointRepo; webhooks: WebhookRepo; deliveries: DeliveryRepo } {
  const endpointKeys = (s: StoredWebhookEndpoint) =>
    keys.webhookEndpoint(s.endpoint.accountId, s.endpoint.environmentId, s.endpoint.id);

  return {
    webhookEndpoints: {
      get: ({ accountId, environmentId }, id) =>
        items.get<StoredWebhookEndpoint>(keys.webhookEndpoint(accountId, environmentId, id)),
      async list({ accountId, environmentId }, page) {
        const out = await items.page<StoredWebhookEndpoint>(
          environmentPartition(accountId, environmentId),
          'WHE#',
          page.limit,
          page.cursor,
        );
        return { items: out.items.map((s) => s.endpoint), nextCursor: out.nextCursor };
      },
      listAll: ({ accountId, environmentId }) =>
        items.all<StoredWebhookEndpoint>(environmentPartition(accountId, environmentId), 'WHE#'),
      create: (s) =>
        items.create(
          'webhookEndpoint',
          endpointKeys(s),
          { ...s, version: s.endpoint.version },
          'Webhook endpoint',
        ),
      update: (s, expected) =>
        items.update(
          'webhookEndpoint',
          endpointKeys(s),
          { ...s, version: s.endpoint.version },
          expected,
          'Webhook endpoint',
        ),
      delete: ({ accountId, environmentId }, id, expected) =>
        items.delete(keys.webhookEndpoint(accountId, environmentId, id), 'Webhook endpoint', expected),
    },

    webhooks: {
      get: ({ accountId, environmentId }, id) =>
        items.get<Webhook>(keys.webhook(accountId, environmentId, id)),
      list: ({ accountId, environmentId }, page) =>
        items.page<Webhook>(environmentPartition(accountId, environmentId), 'WH#', page.limit, page.cursor),
      listAll: ({ accountId, environmentId }) =>
        items.all<Webhook>(environmentPartition(accountId, environmentId), 'WH#'),
      create: (w) => items.create('webhook', keys.webhook(w.accountId, w.environmentId, w.id), w, 'Webhook'),
      update: (w, expected) =>
        items.update('webhook', keys.webhook(w.accountId, w.environmentId, w.id), w, expected, 'Webhook'),
      delete: ({ accountId, environmentId }, id, expected) =>
        items.delete(keys.webhook(accountId, environmentId, id), 'Webhook', expected),
    },

    deliveries: createDeliveryRepo(db, tableName, items, expiry),
  };
}
