// Webhook deliveries (webhook-repos.ts has the layout), with the attempts they hold. Written
// whole each time (a put conditional on the version), so the TTL is set on every write.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict, NotFound, PreconditionFailed } from '../../domain/errors';
import type { Delivery } from '../../domain/schemas/webhook';
import type { DeliveryRepo } from '../../ports/store';
import type { ItemExpiry } from './item-expiry';
import { keys, webhookDeliveriesPartition } from './keys';
import type { VersionedItems } from './versioned-items';

export function createDeliveryRepo(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
  expiry: ItemExpiry,
): DeliveryRepo {
  const deliveryItem = async (d: Delivery) => ({
    ...keys.delivery(d.accountId, d.id),
    ...(d.webhookId ? keys.deliveryByWebhook(d.accountId, d.webhookId, d.createdAt, d.id) : {}),
    type: 'delivery',
    version: d.version,
    expiresAt: await expiry.expiresAt(d.accountId, 'webhookDeliveryDays', d.createdAt),
    doc: d,
  });

  return {
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
  };
}
