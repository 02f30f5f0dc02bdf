// Writing an item only if none has its keys yet; an existing one is a Conflict naming `what`.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../../domain/errors';

export async function putNewItem(
  db: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
  what: string,
): Promise<void> {
  try {
    await db.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw new Conflict(`${what} already exists`);
    throw err;
  }
}
