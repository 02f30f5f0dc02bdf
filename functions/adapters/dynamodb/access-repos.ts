// Users, teams, ACL roles and API tokens on the single table:
//   user        ACC#<acc>           USER#<id>     (+ passwordHash beside the doc, local runtime only)
//   email       EMAIL#<email>       META          claims the email (unique in the deployment), names the user
//   team        ACC#<acc>           TEAM#<id>
//   ACL role    ACC#<acc>           ACL#<id>
//   API token   TOKEN#<sha256>      META          gsi1: ACC#<acc>#USER#<user>#TOKENS / TOKEN#<id>
// The email and token items are the two partitions not under an account: sign-in and a bearer
// secret must find their account first. Neither holds more than ids, a hash and the token doc.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AclRole } from '../../domain/access/acl-role';
import type { ApiToken } from '../../domain/access/api-token';
import type { Team } from '../../domain/access/team';
import type { User } from '../../domain/access/user';
import { Conflict, NotFound, PreconditionFailed } from '../../domain/errors';
import type { AccessStore } from '../../ports/access-store';
import type { VersionedItems } from './versioned-items';

const RECORD_USE_EVERY_MS = 60_000;

export const accessKeys = {
  user: (acc: string, id: string) => ({ pk: `ACC#${acc}`, sk: `USER#${id}` }),
  email: (email: string) => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'META' }),
  team: (acc: string, id: string) => ({ pk: `ACC#${acc}`, sk: `TEAM#${id}` }),
  aclRole: (acc: string, id: string) => ({ pk: `ACC#${acc}`, sk: `ACL#${id}` }),
  token: (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'META' }),
  tokensOfUser: (acc: string, user: string) => `ACC#${acc}#USER#${user}#TOKENS`,
};

export function createAccessRepos(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
): AccessStore {
  const getItem = async (key: { pk: string; sk: string }) =>
    (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  return {
    users: {
      get: ({ accountId }, id) => items.get<User>(accessKeys.user(accountId, id)),
      async findByEmail(email) {
        const claim = await getItem(accessKeys.email(email));
        if (!claim) return undefined;
        const user = await items.get<User>(
          accessKeys.user(claim.accountId as string, claim.userId as string),
        );
        return user && user.email === email.toLowerCase() ? user : undefined;
      },
      list: ({ accountId }, page) => items.page<User>(`ACC#${accountId}`, 'USER#', page.limit, page.cursor),
      async create(user, passwordHash) {
        // Claim the email first; a claim whose user is gone (a crash between the two puts) is taken over.
        const claim = (condition: string, holder?: unknown) =>
          db.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...accessKeys.email(user.email),
                type: 'email',
                accountId: user.accountId,
                userId: user.id,
              },
              ConditionExpression: condition,
              ...(holder ? { ExpressionAttributeValues: { ':holder': holder } } : {}),
            }),
          );
        try {
          await claim('attribute_not_exists(pk)');
        } catch (err) {
          if (!(err instanceof ConditionalCheckFailedException)) throw err;
          const held = await getItem(accessKeys.email(user.email));
          const holder = held && (await items.get<User>(accessKeys.user(held.accountId, held.userId)));
          if (holder || !held) throw new Conflict(`A user with the email ${user.email} already exists`);
          try {
            await claim('userId = :holder', held.userId);
          } catch (again) {
            if (again instanceof ConditionalCheckFailedException)
              throw new Conflict(`The email ${user.email} was just taken`);
            throw again;
          }
        }
        try {
          await db.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...accessKeys.user(user.accountId, user.id),
                type: 'user',
                version: user.version,
                doc: user,
                ...(passwordHash ? { passwordHash } : {}),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
        } catch (err) {
          await db.send(new DeleteCommand({ TableName: tableName, Key: accessKeys.email(user.email) }));
          if (err instanceof ConditionalCheckFailedException)
            throw new Conflict(`User ${user.id} already exists`);
          throw err;
        }
      },
      async update(user, expected) {
        // An update, not a put, so the password hash beside the doc stays.
        try {
          await db.send(
            new UpdateCommand({
              TableName: tableName,
              Key: accessKeys.user(user.accountId, user.id),
              UpdateExpression: 'SET #doc = :doc, #version = :version',
              ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
              ExpressionAttributeNames: { '#doc': 'doc', '#version': 'version' },
              ExpressionAttributeValues: { ':doc': user, ':version': user.version, ':expected': expected },
            }),
          );
        } catch (err) {
          if (!(err instanceof ConditionalCheckFailedException)) throw err;
          const current = await items.get<User>(accessKeys.user(user.accountId, user.id));
          if (!current) throw new NotFound(`User ${user.id} not found`);
          throw new PreconditionFailed(
            `User ${user.id} has changed: it is now at version ${current.version}`,
            current.version,
          );
        }
      },
      async delete({ accountId }, id) {
        const user = await items.get<User>(accessKeys.user(accountId, id));
        if (!user) throw new NotFound(`User ${id} not found`);
        await items.delete(accessKeys.user(accountId, id), 'User');
        await db
          .send(
            new DeleteCommand({
              TableName: tableName,
              Key: accessKeys.email(user.email),
              ConditionExpression: 'userId = :me',
              ExpressionAttributeValues: { ':me': id },
            }),
          )
          .catch((err) => {
            if (!(err instanceof ConditionalCheckFailedException)) throw err;
          });
      },
      async passwordHash({ accountId }, id) {
        return (await getItem(accessKeys.user(accountId, id)))?.passwordHash as string | undefined;
      },
      async setPasswordHash({ accountId }, id, passwordHash) {
        try {
          await db.send(
            new UpdateCommand({
              TableName: tableName,
              Key: accessKeys.user(accountId, id),
              UpdateExpression: passwordHash === null ? 'REMOVE passwordHash' : 'SET passwordHash = :hash',
              ConditionExpression: 'attribute_exists(pk)',
              ...(passwordHash === null ? {} : { ExpressionAttributeValues: { ':hash': passwordHash } }),
            }),
          );
        } catch (err) {
          if (err instanceof ConditionalCheckFailedException) throw new NotFound(`User ${id} not found`);
          throw err;
        }
      },
    },

    teams: {
      get: ({ accountId }, id) => items.get<Team>(accessKeys.team(accountId, id)),
      list: ({ accountId }, page) => items.page<Team>(`ACC#${accountId}`, 'TEAM#', page.limit, page.cursor),
      listAll: ({ accountId }) => items.all<Team>(`ACC#${accountId}`, 'TEAM#'),
      create: (t) => items.create('team', accessKeys.team(t.accountId, t.id), t, 'Team'),
      update: (t, expected) => items.update('team', accessKeys.team(t.accountId, t.id), t, expected, 'Team'),
      delete: ({ accountId }, id, expected) => items.delete(accessKeys.team(accountId, id), 'Team', expected),
    },

    aclRoles: {
      get: ({ accountId }, id) => items.get<AclRole>(accessKeys.aclRole(accountId, id)),
      list: ({ accountId }, page) => items.page<AclRole>(`ACC#${accountId}`, 'ACL#', page.limit, page.cursor),
      listAll: ({ accountId }) => items.all<AclRole>(`ACC#${accountId}`, 'ACL#'),
      create: (r) => items.create('aclRole', accessKeys.aclRole(r.accountId ?? '', r.id), r, 'ACL role'),
      update: (r, expected) =>
        items.update('aclRole', accessKeys.aclRole(r.accountId ?? '', r.id), r, expected, 'ACL role'),
      delete: ({ accountId }, id, expected) =>
        items.delete(accessKeys.aclRole(accountId, id), 'ACL role', expected),
    },

    apiTokens: {
      async create(token, hash) {
        try {
          await db.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...accessKeys.token(hash),
                gsi1pk: accessKeys.tokensOfUser(token.accountId, token.userId),
                gsi1sk: `TOKEN#${token.id}`,
                type: 'apiToken',
                lastUsedAt: token.lastUsedAt ?? '',
                doc: token,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
        } catch (err) {
          if (err instanceof ConditionalCheckFailedException) throw new Conflict('API token already exists');
          throw err;
        }
      },
      async findByHash(hash) {
        const item = await getItem(accessKeys.token(hash));
        if (!item) return undefined;
        const doc = item.doc as ApiToken;
        return { ...doc, lastUsedAt: (item.lastUsedAt as string) || null };
      },
      async listByUser({ accountId }, userId) {
        const found = await items.all<ApiToken>(accessKeys.tokensOfUser(accountId, userId), 'TOKEN#', {
          index: 'gsi1',
        });
        return found;
      },
      async revoke({ accountId }, userId, tokenId, at) {
        const out = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
            ExpressionAttributeValues: {
              ':pk': accessKeys.tokensOfUser(accountId, userId),
              ':sk': `TOKEN#${tokenId}`,
            },
          }),
        );
        const item = out.Items?.[0];
        if (!item) return undefined;
        const doc = item.doc as ApiToken;
        if (doc.revokedAt) return doc;
        const revoked: ApiToken = { ...doc, revokedAt: at.toISOString() };
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: 'SET #doc.#revokedAt = :at',
            ExpressionAttributeNames: { '#doc': 'doc', '#revokedAt': 'revokedAt' },
            ExpressionAttributeValues: { ':at': revoked.revokedAt },
          }),
        );
        return revoked;
      },
      async recordUse(hash, at) {
        // A top-level attribute (ISO strings order like times): the condition skips writes within the minute.
        try {
          await db.send(
            new UpdateCommand({
              TableName: tableName,
              Key: accessKeys.token(hash),
              UpdateExpression: 'SET lastUsedAt = :now, #doc.lastUsedAt = :now',
              ConditionExpression: 'attribute_exists(pk) AND lastUsedAt < :since',
              ExpressionAttributeNames: { '#doc': 'doc' },
              ExpressionAttributeValues: {
                ':now': at.toISOString(),
                ':since': new Date(at.getTime() - RECORD_USE_EVERY_MS).toISOString(),
              },
            }),
          );
        } catch (err) {
          if (!(err instanceof ConditionalCheckFailedException)) throw err;
        }
      },
    },
  };
}
