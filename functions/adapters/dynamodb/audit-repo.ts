// The audit log on the single table. One partition per account (`ACC#<acc>#AUDIT`), sort key
// the entry's id, a lowercase ULID: newest first is a backwards Query and a time range is a
// key condition on the ULID's time prefix. gsi1 per resource id answers "the history of this
// farm" without reading the account's whole log.
//
// Why not a partition per account and month: audit entries are written at the rate people
// change things (and a few system actions), far below one partition's 1,000 writes/s, and
// DynamoDB splits a hot partition by sort-key range on its own; months would make every
// newest-first listing walk partitions and put the month in the cursor for no gain.
//
// The other filters (user, action, resource type, environment) are FilterExpressions over
// top-level attributes: they cost the reads of the items skipped, so one listing call reads at
// most READ_BUDGET items and answers a shorter page with a cursor when it ran out.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { encodeTime } from 'ulid';
import { Conflict } from '../../domain/errors';
import { ID_PREFIXES } from '../../domain/ids';
import type { AuditEntry } from '../../domain/schemas/audit';
import type { Page, PageQuery } from '../../domain/schemas/common';
import type { AuditFilter, AuditRepo } from '../../ports/audit-store';
import type { ItemExpiry } from './item-expiry';
import { auditPartition, auditResourcePartition, keys } from './keys';
import { decodeCursor, encodeCursor } from './pages';

const READ_BUDGET = 1000;
const READ_CHUNK = 200;
/** DynamoDB's IN takes at most 100 operands. */
const IN_MAX = 100;

export function createAuditRepo(
  db: DynamoDBDocumentClient,
  tableName: string,
  expiry: ItemExpiry,
): AuditRepo {
  return {
    async append(entry) {
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.audit(entry.accountId, entry.id),
              ...(entry.resource.id
                ? keys.auditByResource(entry.accountId, entry.resource.id, entry.id)
                : {}),
              type: 'audit',
              userId: entry.actor.userId,
              action: entry.action,
              resourceType: entry.resource.type,
              ...(entry.environmentId ? { environmentId: entry.environmentId } : {}),
              expiresAt: await expiry.expiresAt(entry.accountId, 'auditDays', entry.at),
              doc: entry,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException)
          throw new Conflict(`Audit entry ${entry.id} exists`);
        throw err;
      }
    },

    async get({ accountId }, id) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.audit(accountId, id) }));
      return out.Item?.doc as AuditEntry | undefined;
    },

    list: ({ accountId }, filter, page) => listAuditPage(db, tableName, accountId, filter, page),
  };
}

async function listAuditPage(
  db: DynamoDBDocumentClient,
  tableName: string,
  accountId: string,
  filter: AuditFilter,
  page: PageQuery,
): Promise<Page<AuditEntry>> {
  if (filter.visibleEnvironmentIds?.length === 0) return { items: [] };
  const byResource = filter.resourceId !== undefined;
  const [pkName, skName] = byResource ? ['gsi1pk', 'gsi1sk'] : ['pk', 'sk'];
  const pk = byResource
    ? auditResourcePartition(accountId, filter.resourceId as string)
    : auditPartition(accountId);
  const names: Record<string, string> = { '#pk': pkName, '#sk': skName };
  const values: Record<string, unknown> = { ':pk': pk, ...skBounds(filter) };
  const keyCondition = `#pk = :pk AND #sk BETWEEN :lower AND :upper`;
  const filterExpression = filterOf(filter, names, values);

  const items: AuditEntry[] = [];
  let start = decodeCursor(page.cursor, { attribute: pkName, value: pk });
  let read = 0;
  while (items.length < page.limit && read < READ_BUDGET) {
    const out = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: byResource ? 'gsi1' : undefined,
        KeyConditionExpression: keyCondition,
        ...(filterExpression ? { FilterExpression: filterExpression } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: READ_CHUNK,
        ExclusiveStartKey: start,
      }),
    );
    read += out.ScannedCount ?? READ_CHUNK;
    const found = out.Items ?? [];
    const room = page.limit - items.length;
    if (found.length > room) {
      // The page fills up inside this chunk: the next one starts after the last entry kept.
      const last = found[room - 1] as Record<string, string>;
      items.push(...found.slice(0, room).map((i) => i.doc as AuditEntry));
      const key: Record<string, string> = { pk: last.pk as string, sk: last.sk as string };
      if (byResource) Object.assign(key, { gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk });
      return { items, nextCursor: encodeCursor(key) };
    }
    items.push(...found.map((i) => i.doc as AuditEntry));
    start = out.LastEvaluatedKey;
    if (!start) return { items };
  }
  return { items, nextCursor: encodeCursor(start) };
}

/** The sort-key range of a time window: ULIDs begin with their time, so bounds are prefixes. */
function skBounds(filter: AuditFilter): { ':lower': string; ':upper': string } {
  const prefix = `AUD#${ID_PREFIXES.audit}-`;
  const time = (iso: string) => encodeTime(Math.max(0, Date.parse(iso)), 10).toLowerCase();
  return {
    ':lower': `${prefix}${filter.from ? time(filter.from) : ''}`,
    // '~' sorts after every ULID character, so the upper bound takes the whole last millisecond.
    ':upper': `${prefix}${filter.to ? time(filter.to) : ''}~`,
  };
}

function filterOf(
  filter: AuditFilter,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string | undefined {
  const terms: string[] = [];
  const equal = (attribute: string, value: string | undefined) => {
    if (value === undefined) return;
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    terms.push(`#${attribute} = :${attribute}`);
  };
  equal('environmentId', filter.environmentId);
  equal('userId', filter.userId);
  equal('resourceType', filter.resourceType);
  equal('action', filter.action);
  if (filter.visibleEnvironmentIds) {
    names['#environmentId'] = 'environmentId';
    const groups: string[] = [];
    filter.visibleEnvironmentIds.forEach((env, i) => {
      values[`:visible${i}`] = env;
      if (i % IN_MAX === 0) groups.push('');
      groups[groups.length - 1] += `${i % IN_MAX === 0 ? '' : ', '}:visible${i}`;
    });
    terms.push(`(${groups.map((g) => `#environmentId IN (${g})`).join(' OR ')})`);
  }
  return terms.length ? terms.join(' AND ') : undefined;
}
