// Throttle counters (ports/attempt-counters.ts) in the single table: `ATTEMPTS#<key>` / `META`
// with the count, the window's end (epoch ms) and `expiresAt` (epoch s, the table's TTL), so a
// window's item goes by itself. Not under an account: the keys are an email or an address
// before anyone is signed in (like the global `EMAIL#` lookup).
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AttemptCounterRepo, AttemptWindow } from '../../ports/attempt-counters';

export function createAttemptCounterRepo(db: DynamoDBDocumentClient, tableName: string): AttemptCounterRepo {
  const key = (k: string) => ({ pk: `ATTEMPTS#${k}`, sk: 'META' });
  const windowOf = (item: Record<string, unknown>): AttemptWindow => ({
    count: Number(item.count),
    windowEndsAt: new Date(Number(item.windowEndsAt)),
  });

  return {
    async get(k, now) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: key(k), ConsistentRead: true }));
      if (!out.Item || Number(out.Item.windowEndsAt) <= now.getTime()) return undefined;
      return windowOf(out.Item);
    },
    async add(k, now, windowMs) {
      // Two tries: count in the open window, else open one (a racing opener wins, and we count in its window).
      for (let attempt = 0; ; attempt++) {
        try {
          const out = await db.send(
            new UpdateCommand({
              TableName: tableName,
              Key: key(k),
              UpdateExpression: 'ADD #count :one',
              ConditionExpression: 'windowEndsAt > :now',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':one': 1, ':now': now.getTime() },
              ReturnValues: 'ALL_NEW',
            }),
          );
          return windowOf(out.Attributes!);
        } catch (err) {
          if (!(err instanceof ConditionalCheckFailedException) || attempt > 0) throw err;
        }
        const windowEndsAt = now.getTime() + windowMs;
        try {
          await db.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...key(k),
                type: 'attempts',
                count: 1,
                windowEndsAt,
                expiresAt: Math.ceil(windowEndsAt / 1000) + 60,
              },
              ConditionExpression: 'attribute_not_exists(pk) OR windowEndsAt <= :now',
              ExpressionAttributeValues: { ':now': now.getTime() },
            }),
          );
          return { count: 1, windowEndsAt: new Date(windowEndsAt) };
        } catch (err) {
          if (!(err instanceof ConditionalCheckFailedException)) throw err;
        }
      }
    },
    async clear(k) {
      await db.send(new DeleteCommand({ TableName: tableName, Key: key(k) }));
    },
  };
}
