// Farms, with their names unique per environment. DynamoDB has no unique constraint (and
// dynalite no transactions), so a name is claimed by a conditional put of a name item
// before the farm is written. A claim left behind by a crash is recognised (its farm is gone
// or has another name) and taken over, so uniqueness heals itself.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../../domain/errors';
import type { Farm } from '../../domain/schemas/farm';
import type { FarmRepo } from '../../ports/store';
import { farmPartition, keys } from './keys';
import type { VersionedItems } from './versioned-items';

export function createFarmRepo(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
): FarmRepo {
  const nameKey = (acc: string, env: string, name: string) => ({
    pk: `ACC#${acc}#ENV#${env}`,
    sk: `FARMNAME#${name.toLowerCase()}`,
  });
  const farmKeys = (farm: Farm) => ({
    ...keys.farm(farm.accountId, farm.id),
    ...keys.farmByEnvironment(farm.accountId, farm.environmentId, farm.id),
  });
  const getFarm = (acc: string, id: string) => items.get<Farm>(keys.farm(acc, id));

  async function claimName(farm: Farm): Promise<void> {
    const key = nameKey(farm.accountId, farm.environmentId, farm.name);
    const put = (condition: string, holder?: string) =>
      db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key, type: 'farmName', farmId: farm.id },
          ConditionExpression: condition,
          ExpressionAttributeValues: { ':holder': holder ?? farm.id },
        }),
      );
    try {
      await put('attribute_not_exists(pk) OR farmId = :holder');
      return;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
    const claim = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    const holderId = claim.Item?.farmId as string | undefined;
    const holder = holderId ? await getFarm(farm.accountId, holderId) : undefined;
    if (holder && holder.name.toLowerCase() === farm.name.toLowerCase()) {
      throw new Conflict(`A farm named "${holder.name}" already exists in this environment (${holder.id})`);
    }
    try {
      await put('attribute_not_exists(pk) OR farmId = :holder', holderId);
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException)
        throw new Conflict(`The farm name "${farm.name}" was just taken`);
      throw err;
    }
  }

  async function releaseName(acc: string, env: string, name: string, farmId: string): Promise<void> {
    try {
      await db.send(
        new DeleteCommand({
          TableName: tableName,
          Key: nameKey(acc, env, name),
          ConditionExpression: 'farmId = :me',
          ExpressionAttributeValues: { ':me': farmId },
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  return {
    get: ({ accountId }, id) => getFarm(accountId, id),

    async findByName({ accountId, environmentId }, name) {
      const claim = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: nameKey(accountId, environmentId, name),
          ConsistentRead: true,
        }),
      );
      const farm = claim.Item ? await getFarm(accountId, claim.Item.farmId as string) : undefined;
      return farm && farm.name.toLowerCase() === name.toLowerCase() ? farm : undefined;
    },

    listByEnvironment: ({ accountId, environmentId }, page) =>
      items.page<Farm>(`ACC#${accountId}#ENV#${environmentId}`, 'FARM#', page.limit, page.cursor, {
        index: 'gsi1',
      }),

    async create(farm) {
      await claimName(farm);
      try {
        await items.create('farm', farmKeys(farm), farm, 'Farm');
      } catch (err) {
        await releaseName(farm.accountId, farm.environmentId, farm.name, farm.id);
        throw err;
      }
    },

    async update(farm, expected, previousName) {
      const renamed = farm.name.toLowerCase() !== previousName.toLowerCase();
      if (renamed) await claimName(farm);
      try {
        await items.update('farm', farmKeys(farm), farm, expected, 'Farm');
      } catch (err) {
        if (renamed) await releaseName(farm.accountId, farm.environmentId, farm.name, farm.id);
        throw err;
      }
      if (renamed) await releaseName(farm.accountId, farm.environmentId, previousName, farm.id);
    },

    async delete({ accountId }, id, expected) {
      const farm = await getFarm(accountId, id);
      await items.delete(keys.farm(accountId, id), 'Farm', expected);
      if (farm) await releaseName(accountId, farm.environmentId, farm.name, id);
      // The farm's servers and events share its partition: remove them too.
      const pk = farmPartition(accountId, id);
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ProjectionExpression: 'pk, sk',
            ExclusiveStartKey: start,
          }),
        );
        const batch = out.Items ?? [];
        for (let i = 0; i < batch.length; i += 25) {
          await db.send(
            new BatchWriteCommand({
              RequestItems: {
                [tableName]: batch.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })),
              },
            }),
          );
        }
        start = out.LastEvaluatedKey;
      } while (start);
    },
  };
}
