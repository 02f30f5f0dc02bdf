// Farm names unique per environment. DynamoDB has no unique constraint (and dynalite no
// transactions), so a name is claimed by a conditional put of a name item before the farm is
// written. A claim left behind by a crash is recognised (its farm is gone or has another name)
// and taken over, so uniqueness heals itself.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../../domain/errors';
import type { Farm } from '../../domain/schemas/farm';

export interface FarmNameClaims {
  claim(farm: Farm): Promise<void>;
  release(accountId: string, environmentId: string, name: string, farmId: string): Promise<void>;
  /** The farm holding `name` in the environment, if its claim is live. */
  holder(accountId: string, environmentId: string, name: string): Promise<Farm | undefined>;
}

const nameKey = (acc: string, env: string, name: string) => ({
  pk: `ACC#${acc}#ENV#${env}`,
  sk: `FARMNAME#${name.toLowerCase()}`,
});

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function createFarmNameClaims(
  db: DynamoDBDocumentClient,
  tableName: string,
  getFarm: (accountId: string, id: string) => Promise<Farm | undefined>,
): FarmNameClaims {
  const readClaim = async (key: ReturnType<typeof nameKey>) => {
    const claim = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return claim.Item?.farmId as string | undefined;
  };

  async function claim(farm: Farm): Promise<void> {
    const key = nameKey(farm.accountId, farm.environmentId, farm.name);
    const put = (holder?: string) =>
      db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key, type: 'farmName', farmId: farm.id },
          ConditionExpression: 'attribute_not_exists(pk) OR farmId = :holder',
          ExpressionAttributeValues: { ':holder': holder ?? farm.id },
        }),
      );
    try {
      await put();
      return;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
    const holderId = await readClaim(key);
    const holder = holderId ? await getFarm(farm.accountId, holderId) : undefined;
    if (holder && sameName(holder.name, farm.name)) {
      throw new Conflict(`A farm named "${holder.name}" already exists in this environment (${holder.id})`);
    }
    try {
      await put(holderId);
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException)
        throw new Conflict(`The farm name "${farm.name}" was just taken`);
      throw err;
    }
  }

  async function release(acc: string, env: string, name: string, farmId: string): Promise<void> {
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

  async function holder(acc: string, env: string, name: string): Promise<Farm | undefined> {
    const farmId = await readClaim(nameKey(acc, env, name));
    const farm = farmId ? await getFarm(acc, farmId) : undefined;
    return farm && sameName(farm.name, name) ? farm : undefined;
  }

  return { claim, release, holder };
}
