// The reconciler's lease and summary, in the farm's partition beside its servers:
//   ACC#<acc>#FARM#<farm> / LEASE    { holder, leaseUntil (epoch ms) }
//   ACC#<acc>#FARM#<farm> / SUMMARY  { doc: ReconcileSummary, expiresAt }  (the account's reconcileSummaryDays
//                                    after the pass that wrote it: only an unvisited farm's runs out)
// The lease is a conditional put: it succeeds only when no lease exists or the last one has
// expired, so two reconciles of one farm never act at once, and a crashed holder's lease
// simply runs out.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ReconcileStateRepo, ReconcileSummary } from '../../ports/store';
import type { ItemExpiry } from './item-expiry';
import { farmPartition } from './keys';

export function createReconcileStateRepo(
  db: DynamoDBDocumentClient,
  tableName: string,
  expiry: ItemExpiry,
): ReconcileStateRepo {
  return {
    async acquireLease({ accountId, farmId }, holder, now, until) {
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              pk: farmPartition(accountId, farmId),
              sk: 'LEASE',
              type: 'lease',
              holder,
              leaseUntil: until.getTime(),
            },
            ConditionExpression: 'attribute_not_exists(pk) OR leaseUntil < :now OR holder = :holder',
            ExpressionAttributeValues: { ':now': now.getTime(), ':holder': holder },
          }),
        );
        return true;
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return false;
        throw err;
      }
    },
    async releaseLease({ accountId, farmId }, holder) {
      try {
        await db.send(
          new DeleteCommand({
            TableName: tableName,
            Key: { pk: farmPartition(accountId, farmId), sk: 'LEASE' },
            ConditionExpression: 'holder = :holder',
            ExpressionAttributeValues: { ':holder': holder },
          }),
        );
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      }
    },
    async saveSummary({ accountId, farmId }, summary) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: farmPartition(accountId, farmId),
            sk: 'SUMMARY',
            type: 'summary',
            expiresAt: await expiry.expiresAt(accountId, 'reconcileSummaryDays', summary.lastReconcileAt),
            doc: summary,
          },
        }),
      );
    },
    async getSummary({ accountId, farmId }) {
      const out = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: farmPartition(accountId, farmId), sk: 'SUMMARY' },
        }),
      );
      return out.Item?.doc as ReconcileSummary | undefined;
    },
  };
}
