// A farm's servers (`SRV#<server>`) and its event log (`EVT#<ulid>`, newest first), both in the
// farm's partition. A server with an instance also carries gsi2 (platform + instance id), the
// index a cloud state change finds its farm through; farm events expire by the account's retention.
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FarmEvent } from '../../domain/schemas/farm-event';
import type { Server } from '../../domain/schemas/server';
import type { FarmEventRepo, ServerRepo } from '../../ports/store';
import type { ItemExpiry } from './item-expiry';
import { farmPartition, keys } from './keys';
import type { VersionedItems } from './versioned-items';

export function createServerRepo(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
): ServerRepo {
  return {
    get: ({ accountId, farmId }, id) => items.get<Server>(keys.server(accountId, farmId, id)),
    listByFarm: ({ accountId, farmId }) => items.all<Server>(farmPartition(accountId, farmId), 'SRV#'),
    create: (s) => items.create('server', serverKeys(s), s, 'Server'),
    update: (s, expected) => items.update('server', serverKeys(s), s, expected, 'Server'),
    async findByInstanceId(platform, instanceId) {
      const out = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.serverByInstance(platform, instanceId).gsi2pk },
          Limit: 1,
        }),
      );
      return out.Items?.[0]?.doc as Server | undefined;
    },
  };
}

export function createFarmEventRepo(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
  expiry: ItemExpiry,
): FarmEventRepo {
  return {
    async append(event: FarmEvent) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.farmEvent(event.accountId, event.farmId, event.id),
            type: 'farmEvent',
            expiresAt: await expiry.expiresAt(event.accountId, 'farmEventDays', event.at),
            doc: event,
          },
        }),
      );
    },
    list: ({ accountId, farmId }, page) =>
      items.page<FarmEvent>(farmPartition(accountId, farmId), 'EVT#', page.limit, page.cursor, {
        scanForward: false,
      }),
  };
}

function serverKeys(s: Server) {
  return {
    ...keys.server(s.accountId, s.farmId, s.id),
    ...(s.instanceId ? keys.serverByInstance(s.platform, s.instanceId) : {}),
  };
}
