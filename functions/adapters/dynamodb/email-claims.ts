// Emails unique in the whole deployment: an `EMAIL#<email>` item claims the address for one user
// (sign-in finds the account through it) and is written before the user. DynamoDB has no unique
// constraint, so the claim is a conditional put; one whose user is gone (a crash between the two
// puts) is taken over, so uniqueness heals itself.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { User } from '../../domain/access/user';
import { Conflict } from '../../domain/errors';

export const emailKey = (email: string) => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'META' });

export interface EmailClaim {
  accountId: string;
  userId: string;
}

export interface EmailClaims {
  read(email: string): Promise<EmailClaim | undefined>;
  claim(user: User): Promise<void>;
  /** Drops the claim whoever holds it (undoing a claim just made). */
  drop(email: string): Promise<void>;
  /** Drops the claim only if `userId` still holds it. */
  release(email: string, userId: string): Promise<void>;
}

export function createEmailClaims(
  db: DynamoDBDocumentClient,
  tableName: string,
  userExists: (claim: EmailClaim) => Promise<boolean>,
): EmailClaims {
  async function read(email: string): Promise<EmailClaim | undefined> {
    const out = await db.send(
      new GetCommand({ TableName: tableName, Key: emailKey(email), ConsistentRead: true }),
    );
    return out.Item as EmailClaim | undefined;
  }

  async function claim(user: User): Promise<void> {
    const put = (condition: string, holder?: unknown) =>
      db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...emailKey(user.email), type: 'email', accountId: user.accountId, userId: user.id },
          ConditionExpression: condition,
          ...(holder ? { ExpressionAttributeValues: { ':holder': holder } } : {}),
        }),
      );
    try {
      await put('attribute_not_exists(pk)');
      return;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
    const held = await read(user.email);
    if (!held || (await userExists(held)))
      throw new Conflict(`A user with the email ${user.email} already exists`);
    try {
      await put('userId = :holder', held.userId);
    } catch (again) {
      if (again instanceof ConditionalCheckFailedException)
        throw new Conflict(`The email ${user.email} was just taken`);
      throw again;
    }
  }

  const drop = async (email: string) => {
    await db.send(new DeleteCommand({ TableName: tableName, Key: emailKey(email) }));
  };

  async function release(email: string, userId: string): Promise<void> {
    try {
      await db.send(
        new DeleteCommand({
          TableName: tableName,
          Key: emailKey(email),
          ConditionExpression: 'userId = :me',
          ExpressionAttributeValues: { ':me': userId },
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  return { read, claim, drop, release };
}
