// Reading and writing versioned documents. An item holds its keys, a `type`, the `version`
// (top level, for conditions) and the document itself under `doc`.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { Conflict, NotFound, PreconditionFailed } from '../../domain/errors';
import type { Page } from '../../domain/schemas/common';
import { decodeCursor, encodeCursor } from './pages';

export interface ItemKeys {
  pk: string;
  sk: string;
  [index: string]: string;
}

export class VersionedItems {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return out.Item?.doc as T | undefined;
  }

  /** `attributes`: top-level ones beside the document, such as the TTL's `expiresAt`. */
  async create(
    type: string,
    keys: ItemKeys,
    doc: { version: number },
    what: string,
    attributes: Record<string, unknown> = {},
  ): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys, ...attributes, type, version: doc.version, doc },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw new Conflict(`${what} already exists`);
      throw err;
    }
  }

  /** Replaces the document only if the stored version is `expectedVersion`. */
  async update(
    type: string,
    keys: ItemKeys,
    doc: { version: number },
    expectedVersion: number,
    what: string,
    attributes: Record<string, unknown> = {},
  ) {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys, ...attributes, type, version: doc.version, doc },
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (err) {
      throw await this.explainConditionFailure(err, keys, what, expectedVersion);
    }
  }

  async delete(key: { pk: string; sk: string }, what: string, expectedVersion?: number): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          ConditionExpression:
            expectedVersion === undefined
              ? 'attribute_exists(pk)'
              : 'attribute_exists(pk) AND #version = :expected',
          ...(expectedVersion === undefined
            ? {}
            : {
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (err) {
      throw await this.explainConditionFailure(err, key, what, expectedVersion);
    }
  }

  /** One page of a partition's items whose sort key starts with `prefix`. */
  async page<T>(
    pk: string,
    prefix: string,
    limit: number,
    cursor: string | undefined,
    options: { index?: 'gsi1'; scanForward?: boolean } = {},
  ): Promise<Page<T>> {
    const [pkName, skName] = options.index ? ['gsi1pk', 'gsi1sk'] : ['pk', 'sk'];
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: options.index,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': pkName, '#sk': skName },
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, { attribute: pkName, value: pk }),
        ScanIndexForward: options.scanForward ?? true,
        ConsistentRead: options.index ? undefined : true,
      }),
    );
    const items = (out.Items ?? []).map((item) => item.doc as T);
    return { items, nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  /** Every item of a partition whose sort key starts with `prefix`, all pages. */
  async all<T>(pk: string, prefix: string, options: { index?: 'gsi1' } = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.page<T>(pk, prefix, 500, cursor, options);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  /** Tells a stale version (412) from a missing item (404) after a failed condition. */
  private async explainConditionFailure(
    err: unknown,
    key: { pk: string; sk: string },
    what: string,
    expectedVersion: number | undefined,
  ): Promise<unknown> {
    if (!(err instanceof ConditionalCheckFailedException)) return err;
    // The failed item comes back raw (AttributeValue); not every emulator returns it, so read it then.
    const raw = err.Item?.version;
    const current =
      raw && typeof raw === 'object' && 'N' in raw
        ? Number(raw.N)
        : (await this.get<{ version: number }>({ pk: key.pk, sk: key.sk }))?.version;
    if (current === undefined) return new NotFound(`${what} not found`);
    return new PreconditionFailed(
      `${what} has changed since version ${expectedVersion}: it is now at version ${current}. Reload it and apply your change again.`,
      current,
    );
  }
}
