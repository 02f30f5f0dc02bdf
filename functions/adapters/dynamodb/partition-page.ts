// One page of a partition (of the table or a GSI), optionally under a sort-key prefix, with the
// documents under `doc` and an opaque cursor. GSIs cannot be read consistently; the table is.
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageQuery } from '../../domain/schemas/common';
import { decodeCursor, encodeCursor } from './pages';

export interface PartitionQuery {
  index?: 'gsi1' | 'gsi2';
  pk: string;
  prefix: string;
  forward: boolean;
}

export async function queryPartitionPage<T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  q: PartitionQuery,
  page: PageQuery,
): Promise<Page<T>> {
  const [pkName, skName] = q.index ? [`${q.index}pk`, `${q.index}sk`] : ['pk', 'sk'];
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: q.index,
      // DynamoDB refuses an empty begins_with prefix: no prefix means the whole partition.
      KeyConditionExpression: q.prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
      ExpressionAttributeNames: q.prefix ? { '#pk': pkName, '#sk': skName } : { '#pk': pkName },
      ExpressionAttributeValues: q.prefix ? { ':pk': q.pk, ':prefix': q.prefix } : { ':pk': q.pk },
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, { attribute: pkName, value: q.pk }),
      ScanIndexForward: q.forward,
      ConsistentRead: q.index ? undefined : true,
    }),
  );
  return {
    items: (out.Items ?? []).map((item) => item.doc as T),
    nextCursor: encodeCursor(out.LastEvaluatedKey),
  };
}
