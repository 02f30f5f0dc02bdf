// Accounts in the single table: `ACC#<acc>` / `META`, with gsi1 `ACCOUNTS` / `ACC#<acc>` so the
// platform operator can list them (one small partition: an item per tenant, read by operators only).
//
// Purging an account reads the whole table once (a parallel-free Scan with a filter): every key
// of an account starts with `ACC#<acc>` and the two global lookups (an email claim, an API token's
// hash) hold the account id (top level, or in their document). Deleting a tenant is rare and operator-driven, so a Scan
// is the price of never missing an item kind added later; META goes last, so a purge cut short
// (a Lambda timeout on a very large table) is simply repeated.

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFound } from '../../domain/errors';
import type { Account } from '../../domain/schemas/account';
import type { AccountRepo } from '../../ports/store';
import { deleteKeys, type ItemKey } from './batch-deletes';
import { keys } from './keys';
import type { VersionedItems } from './versioned-items';

const ACCOUNTS_PARTITION = 'ACCOUNTS';

export function createAccountRepo(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
): AccountRepo {
  const listed = (accountId: string) => ({ gsi1pk: ACCOUNTS_PARTITION, gsi1sk: `ACC#${accountId}` });

  return {
    async get(accountId) {
      const stored = await items.get<Account & { version?: number }>(keys.account(accountId));
      if (!stored) return undefined;
      const { version: _version, ...account } = stored;
      return account;
    },
    // An account has no version of its own; it is written once, at sign-up or seeding.
    create: (account) =>
      items.create(
        'account',
        { ...keys.account(account.id), ...listed(account.id) },
        { ...account, version: 1 },
        'Account',
      ),
    async list(page) {
      const found = await items.page<Account & { version?: number }>(
        ACCOUNTS_PARTITION,
        'ACC#',
        page.limit,
        page.cursor,
        { index: 'gsi1' },
      );
      return { ...found, items: found.items.map(({ version: _v, ...account }) => account) };
    },
    async setSuspension(accountId, suspension) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.account(accountId),
            ConditionExpression: 'attribute_exists(pk)',
            ...(suspension
              ? {
                  UpdateExpression: 'SET #doc.#suspension = :s',
                  ExpressionAttributeValues: { ':s': suspension },
                }
              : { UpdateExpression: 'REMOVE #doc.#suspension' }),
            ExpressionAttributeNames: { '#doc': 'doc', '#suspension': 'suspension' },
          }),
        );
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException)
          throw new NotFound(`Account ${accountId} not found`);
        throw err;
      }
    },
    async purge(accountId) {
      const meta = keys.account(accountId);
      const found = await scanAccountKeys(db, tableName, accountId);
      // META goes last: a purge cut short can be run again from it.
      await deleteKeys(
        db,
        tableName,
        found.filter((k) => !(k.pk === meta.pk && k.sk === meta.sk)),
      );
      await deleteKeys(db, tableName, [meta]);
    },
  };
}

/** Every key that belongs to the account, whatever its kind (see the header). */
async function scanAccountKeys(
  db: DynamoDBDocumentClient,
  tableName: string,
  accountId: string,
): Promise<ItemKey[]> {
  const meta = keys.account(accountId);
  const found: ItemKey[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        ProjectionExpression: 'pk, sk',
        FilterExpression: 'pk = :pk OR begins_with(pk, :prefix) OR #doc.#acc = :acc OR #acc = :acc',
        ExpressionAttributeNames: { '#doc': 'doc', '#acc': 'accountId' },
        ExpressionAttributeValues: { ':pk': meta.pk, ':prefix': `${meta.pk}#`, ':acc': accountId },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) found.push({ pk: item.pk as string, sk: item.sk as string });
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}
