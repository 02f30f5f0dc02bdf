// The sweep's entries (ports/farm-sweep.ts says why they hold a cadence, not a due time):
//   SWEEP#<shard>   FARM#<acc>#<farm>   { accountId, farmId, every }
// The shard is a hash of the farm id (SWEEP_SHARDS partitions). These partitions are the platform's,
// not a tenant's (the one key of the table that does not start with ACC#): an entry only names a
// farm, and the pass it leads to reads the farm under its own account. The sweep reads them
// eventually consistently (half the price): an entry written a moment ago is seen at the next tick.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { farmHash } from '../../domain/planning/sweep-cadence';
import type { FarmRef } from '../../ports/farm-scheduler';
import { type FarmSweepEntries, SWEEP_SHARDS, type SweepEntry } from '../../ports/farm-sweep';

export function sweepEntryKey({ accountId, farmId }: FarmRef) {
  return { pk: `SWEEP#${farmHash(farmId) % SWEEP_SHARDS}`, sk: `FARM#${accountId}#${farmId}` };
}

export function createSweepRepo(db: DynamoDBDocumentClient, tableName: string): FarmSweepEntries {
  return {
    async put(entry) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...sweepEntryKey(entry),
            type: 'sweep',
            accountId: entry.accountId,
            farmId: entry.farmId,
            every: entry.every,
          },
        }),
      );
    },

    async setEvery(entry) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: sweepEntryKey(entry),
            UpdateExpression: 'SET #every = :every',
            // Only an existing entry: a pass ending after its farm was Terminated must not bring one back.
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#every': 'every' },
            ExpressionAttributeValues: { ':every': entry.every },
          }),
        );
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      }
    },

    async remove(farm) {
      await db.send(new DeleteCommand({ TableName: tableName, Key: sweepEntryKey(farm) }));
    },

    async listShard(shard) {
      const entries: SweepEntry[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `SWEEP#${shard}` },
            ProjectionExpression: 'accountId, farmId, #every',
            ExpressionAttributeNames: { '#every': 'every' },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? [])
          entries.push({ accountId: item.accountId, farmId: item.farmId, every: Number(item.every) || 1 });
        start = out.LastEvaluatedKey;
      } while (start);
      return entries;
    },
  };
}
