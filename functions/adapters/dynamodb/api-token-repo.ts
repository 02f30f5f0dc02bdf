// API tokens (access-repos.ts has the layout): found by the hash of the secret, listed per user
// through gsi1. `lastUsedAt` is kept top level too, so a condition can skip writes within a minute.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiToken } from '../../domain/access/api-token';
import type { ApiTokenRepo } from '../../ports/access-store';
import { putNewItem } from './put-new-item';
import type { VersionedItems } from './versioned-items';

const RECORD_USE_EVERY_MS = 60_000;

export const tokenKey = (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'META' });
export const tokensOfUser = (acc: string, user: string) => `ACC#${acc}#USER#${user}#TOKENS`;

export function createApiTokenRepo(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
): ApiTokenRepo {
  return {
    async create(token, hash) {
      const item = {
        ...tokenKey(hash),
        gsi1pk: tokensOfUser(token.accountId, token.userId),
        gsi1sk: `TOKEN#${token.id}`,
        type: 'apiToken',
        lastUsedAt: token.lastUsedAt ?? '',
        doc: token,
      };
      await putNewItem(db, tableName, item, 'API token');
    },
    async findByHash(hash) {
      const out = await db.send(
        new GetCommand({ TableName: tableName, Key: tokenKey(hash), ConsistentRead: true }),
      );
      if (!out.Item) return undefined;
      const doc = out.Item.doc as ApiToken;
      return { ...doc, lastUsedAt: (out.Item.lastUsedAt as string) || null };
    },
    listByUser: ({ accountId }, userId) =>
      items.all<ApiToken>(tokensOfUser(accountId, userId), 'TOKEN#', { index: 'gsi1' }),
    revoke: ({ accountId }, userId, tokenId, at) =>
      revoke(db, tableName, tokensOfUser(accountId, userId), tokenId, at),
    async recordUse(hash, at) {
      // ISO strings order like times: the condition skips writes within the minute.
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: tokenKey(hash),
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
  };
}

// The user's token list knows the token id, not its hash: gsi1 finds the item.
async function revoke(
  db: DynamoDBDocumentClient,
  tableName: string,
  userTokens: string,
  tokenId: string,
  at: Date,
): Promise<ApiToken | undefined> {
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
      ExpressionAttributeValues: { ':pk': userTokens, ':sk': `TOKEN#${tokenId}` },
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
}
