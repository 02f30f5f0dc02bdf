// Users (access-repos.ts has the layout): the user item, with the local runtime's password hash
// beside its document, and the deployment-wide email claim (email-claims.ts) written first.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { User } from '../../domain/access/user';
import { Conflict, NotFound, PreconditionFailed } from '../../domain/errors';
import type { UserRepo } from '../../ports/access-store';
import { createEmailClaims } from './email-claims';
import type { VersionedItems } from './versioned-items';

export const userKey = (acc: string, id: string) => ({ pk: `ACC#${acc}`, sk: `USER#${id}` });

export function createUserRepo(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
): UserRepo {
  const getUser = (acc: string, id: string) => items.get<User>(userKey(acc, id));
  const emails = createEmailClaims(
    db,
    tableName,
    async (held) => !!(await getUser(held.accountId, held.userId)),
  );

  async function putNewUser(user: User, passwordHash: string | undefined): Promise<void> {
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...userKey(user.accountId, user.id),
            type: 'user',
            version: user.version,
            doc: user,
            ...(passwordHash ? { passwordHash } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      await emails.drop(user.email);
      if (err instanceof ConditionalCheckFailedException)
        throw new Conflict(`User ${user.id} already exists`);
      throw err;
    }
  }

  return {
    get: ({ accountId }, id) => getUser(accountId, id),
    async findByEmail(email) {
      const claim = await emails.read(email);
      if (!claim) return undefined;
      const user = await getUser(claim.accountId, claim.userId);
      return user && user.email === email.toLowerCase() ? user : undefined;
    },
    list: ({ accountId }, page) => items.page<User>(`ACC#${accountId}`, 'USER#', page.limit, page.cursor),
    async create(user, passwordHash) {
      await emails.claim(user);
      await putNewUser(user, passwordHash);
    },
    update: (user, expected) => updateUserDoc(db, tableName, items, user, expected),
    async delete({ accountId }, id) {
      const user = await getUser(accountId, id);
      if (!user) throw new NotFound(`User ${id} not found`);
      await items.delete(userKey(accountId, id), 'User');
      await emails.release(user.email, id);
    },
    async passwordHash({ accountId }, id) {
      const out = await db.send(
        new GetCommand({ TableName: tableName, Key: userKey(accountId, id), ConsistentRead: true }),
      );
      return out.Item?.passwordHash as string | undefined;
    },
    setPasswordHash: ({ accountId }, id, passwordHash) =>
      setPasswordHash(db, tableName, accountId, id, passwordHash),
  };
}

// An update, not a put, so the password hash beside the doc stays.
async function updateUserDoc(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
  user: User,
  expected: number,
): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: userKey(user.accountId, user.id),
        UpdateExpression: 'SET #doc = :doc, #version = :version',
        ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
        ExpressionAttributeNames: { '#doc': 'doc', '#version': 'version' },
        ExpressionAttributeValues: { ':doc': user, ':version': user.version, ':expected': expected },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const current = await items.get<User>(userKey(user.accountId, user.id));
    if (!current) throw new NotFound(`User ${user.id} not found`);
    throw new PreconditionFailed(
      `User ${user.id} has changed: it is now at version ${current.version}`,
      current.version,
    );
  }
}

async function setPasswordHash(
  db: DynamoDBDocumentClient,
  tableName: string,
  accountId: string,
  id: string,
  passwordHash: string | null,
): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: userKey(accountId, id),
        UpdateExpression: passwordHash === null ? 'REMOVE passwordHash' : 'SET passwordHash = :hash',
        ConditionExpression: 'attribute_exists(pk)',
        ...(passwordHash === null ? {} : { ExpressionAttributeValues: { ':hash': passwordHash } }),
      }),
    );
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw new NotFound(`User ${id} not found`);
    throw err;
  }
}
