// Deleting many items: an account purge, a farm with its partition (servers, events,
// executions), a script with its versions. BatchWriteItem takes 25 keys at a time and may hand
// some back unprocessed (throttling), so those are sent again after a short, growing pause.
import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

const BATCH_WRITE_MAX = 25;

export interface ItemKey {
  pk: string;
  sk: string;
}

/** Deletes the items with these keys, 25 to a request, until none is left unprocessed. */
export async function deleteKeys(
  db: DynamoDBDocumentClient,
  tableName: string,
  keys: ItemKey[],
): Promise<void> {
  for (let i = 0; i < keys.length; i += BATCH_WRITE_MAX) {
    let requests = keys.slice(i, i + BATCH_WRITE_MAX).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((ok) => setTimeout(ok, Math.min(1000, 50 * 2 ** attempt)));
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}

/** Deletes every item of one partition, a page of keys at a time. */
export async function deletePartition(
  db: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
): Promise<void> {
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
    await deleteKeys(db, tableName, (out.Items ?? []) as ItemKey[]);
    start = out.LastEvaluatedKey;
  } while (start);
}
