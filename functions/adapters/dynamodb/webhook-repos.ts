// Webhook endpoints, webhooks and deliveries on the single table (keys.ts):
//   endpoint   ACC#<acc>#ENV#<env>   WHE#<id>
//   webhook    ACC#<acc>#ENV#<env>   WH#<id>
//   delivery   ACC#<acc>#DLV#<id>    META      gsi1: ACC#<acc>#WH#<webhook> / DLV#<createdAt>#<id>
// Deliveries, with the attempts they hold, expire (TTL) after the account's webhookDeliveryDays
// (default 30) from their creation: history is for diagnosis, not an archive.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict, NotFound, PreconditionFailed } from '../../domain/errors';
import type { Delivery, Webhook } from '../../domain/schemas/webhook';
import type {
  DeliveryRepo,
  StoredWebhookEndpoint,
  WebhookEndpointRepo,
  WebhookRepo,
} from '../../ports/store';
import type { ItemExpiry } from './item-expiry';
import { environmentPartition, keys, webhookDeliveriesPartition } from './keys';
import type { VersionedItems } from './versioned-items';

export function createWebhookRepos(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
  expiry: ItemExpiry,
): { webhookEndpoints: WebhookEndpointRepo; webhooks: WebhookRepo; deliveries: DeliveryRepo } {
  const endpointKeys = (s: StoredWebhookEndpoint) =>
    keys.webhookEndpoint(s.endpoint.accountId, s.endpoint.environmentId, s.endpoint.id);
  const deliveryItem = async (d: Delivery) => ({
    ...keys.delivery(d.accountId, d.id),
    ...(d.webhookId ? keys.deliveryByWebhook(d.accountId, d.webhookId, d.createdAt, d.id) : {}),
    type: 'delivery',
    version: d.version,
    expiresAt: await expiry.expiresAt(d.accountId, 'webhookDeliveryDays', d.createdAt),
    doc: d,
  });

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

    deliveries: {
      get: ({ accountId }, id) => items.get<Delivery>(keys.delivery(accountId, id)),
      async create(d) {
        try {
          await db.send(
            new PutCommand({
              TableName: tableName,
              Item: await deliveryItem(d),
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
        } catch (err) {
          if (err instanceof ConditionalCheckFailedException) throw new Conflict(`Delivery ${d.id} exists`);
          throw err;
        }
      },
      async update(d, expected) {
        try {
          await db.send(
            new PutCommand({
              TableName: tableName,
              Item: await deliveryItem(d),
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': expected },
            }),
          );
        } catch (err) {
          if (!(err instanceof ConditionalCheckFailedException)) throw err;
          const current = await items.get<Delivery>(keys.delivery(d.accountId, d.id));
          if (!current) throw new NotFound(`Delivery ${d.id} not found`);
          throw new PreconditionFailed(
            `Delivery ${d.id} has changed since version ${expected}: it is now at version ${current.version}.`,
            current.version,
          );
        }
      },
      listByWebhook: ({ accountId }, webhookId, page) =>
        items.page<Delivery>(
          webhookDeliveriesPartition(accountId, webhookId),
          'DLV#',
          page.limit,
          page.cursor,
          {
            index: 'gsi1',
            scanForward: false,
          },
        ),
    },
  };
}
