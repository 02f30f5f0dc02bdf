// The Inventory port on the single table, one partition per location:
//   ACC#<acc>#INV#<platform>#<cred>#<region> / LISTING    { listedAt, holder, claimUntil }  (epoch ms)
//   ACC#<acc>#INV#<platform>#<cred>#<region> / FARM#<farm> { instances (gzip JSON), fingerprint, observedAt, changedAt }
// A farm's read is one BatchGetItem of those two items, strongly consistent so a change noted a
// moment ago (the event that woke this pass) is seen. A listing rewrites only the slices whose
// fingerprint changed: a quiet location costs one Query of fingerprints and one write of its
// listing time, whatever the farm count. A farm with no instance left has no slice (no item reads
// as empty since the listing), so deleted farms do not pile up. Slices are gzipped so a farm of a
// few thousand instances still fits DynamoDB's 400 KB item.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ObservedInstance } from '../../domain/clouds/observed-instance';
import type { FarmSlice, Inventory, InventoryLocation, LocationListing } from '../../ports/inventory';
import { inventoryPartition } from './keys';

const LISTING = 'LISTING';
const SLICE = 'FARM#';

const partitionOf = (l: InventoryLocation) =>
  inventoryPartition(l.accountId, l.platform, l.credentialsId, l.region);

/** The same instances always give the same fingerprint (sorted by id; the driver's field order). */
export function sliceFingerprint(instances: readonly ObservedInstance[]): string {
  const sorted = [...instances].sort((a, b) => a.instanceId.localeCompare(b.instanceId));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('base64url').slice(0, 22);
}

function sliceOf(item: Record<string, unknown> | undefined): FarmSlice {
  const packed = item?.instances as Uint8Array | undefined;
  return {
    instances: packed ? (JSON.parse(gunzipSync(packed).toString('utf8')) as ObservedInstance[]) : [],
    observedAt: (item?.observedAt as number | undefined) ?? null,
    changedAt: (item?.changedAt as number | undefined) ?? null,
  };
}

const ignoreLostRace = (err: unknown) => {
  if (!(err instanceof ConditionalCheckFailedException)) throw err;
};

export function createInventoryRepo(db: DynamoDBDocumentClient, tableName: string): Inventory {
  return new DynamoInventory(db, tableName);
}

class DynamoInventory implements Inventory {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(location: InventoryLocation, farmId: string) {
    const pk = partitionOf(location);
    const keys = [
      { pk, sk: LISTING },
      { pk, sk: `${SLICE}${farmId}` },
    ];
    const out = await this.db.send(
      new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
    );
    // Keys handed back unprocessed (throttling) leave the slice unknown, never empty: the caller looks itself.
    if ((out.UnprocessedKeys?.[this.tableName]?.Keys?.length ?? 0) > 0)
      throw new Error(`the inventory of ${pk} was not read (throttled)`);
    const items = out.Responses?.[this.tableName] ?? [];
    const listing = items.find((i) => i.sk === LISTING);
    const slice = items.find((i) => i.sk !== LISTING);
    return { listedAt: (listing?.listedAt as number | undefined) ?? null, slice: sliceOf(slice) };
  }

  async claimRefresh(location: InventoryLocation, holder: string, now: number, until: number) {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: partitionOf(location), sk: LISTING },
          UpdateExpression: 'SET #type = :type, holder = :h, claimUntil = :until',
          ConditionExpression: 'attribute_not_exists(claimUntil) OR claimUntil < :now',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': 'inventoryListing',
            ':h': holder,
            ':until': until,
            ':now': now,
          },
        }),
      );
      return true;
    } catch (err) {
      ignoreLostRace(err);
      return false;
    }
  }

  async saveListing(location: InventoryLocation, holder: string, { listedAt, byFarm }: LocationListing) {
    const pk = partitionOf(location);
    const stored = await this.storedFingerprints(pk);
    const empty = sliceFingerprint([]);
    let written = 0;
    for (const farmId of new Set([...stored.keys(), ...byFarm.keys()])) {
      const instances = byFarm.get(farmId) ?? [];
      if ((stored.get(farmId) ?? empty) === sliceFingerprint(instances)) continue;
      if (instances.length > 0) await this.writeSlice(pk, farmId, instances, listedAt);
      else await this.dropSlice(pk, farmId, listedAt);
      written++;
    }
    // The claim is given back with the time; a holder whose claim ran out leaves both to the next one.
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk, sk: LISTING },
          UpdateExpression: 'SET listedAt = :at REMOVE claimUntil',
          ConditionExpression: 'holder = :h',
          ExpressionAttributeValues: { ':at': listedAt, ':h': holder },
        }),
      )
      .catch(ignoreLostRace);
    return written;
  }

  saveSlice(location: InventoryLocation, farmId: string, instances: ObservedInstance[], observedAt: number) {
    return this.writeSlice(partitionOf(location), farmId, instances, observedAt);
  }

  async noteChange(location: InventoryLocation, farmId: string, at: number) {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: partitionOf(location), sk: `${SLICE}${farmId}` },
          // The latest change wins; an item made here has no instances yet (an unknown slice).
          UpdateExpression: 'SET #type = :type, changedAt = :at',
          ConditionExpression: 'attribute_not_exists(changedAt) OR changedAt < :at',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':type': 'inventorySlice', ':at': at },
        }),
      )
      .catch(ignoreLostRace);
  }

  private async writeSlice(pk: string, farmId: string, instances: ObservedInstance[], at: number) {
    const sorted = [...instances].sort((a, b) => a.instanceId.localeCompare(b.instanceId));
    // An older observation never replaces a newer one (a listing that began before a direct look).
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk, sk: `${SLICE}${farmId}` },
          UpdateExpression: 'SET #type = :type, instances = :i, fingerprint = :f, observedAt = :at',
          ConditionExpression: 'attribute_not_exists(observedAt) OR observedAt <= :at',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': 'inventorySlice',
            ':i': gzipSync(JSON.stringify(sorted)),
            ':f': sliceFingerprint(sorted),
            ':at': at,
          },
        }),
      )
      .catch(ignoreLostRace);
  }

  /**
   * A farm with nothing left in the location loses its slice (no item reads as empty since the
   * listing), so deleted farms do not pile up; a slice with a newer look or change stays.
   */
  private async dropSlice(pk: string, farmId: string, at: number) {
    await this.db
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk, sk: `${SLICE}${farmId}` },
          ConditionExpression:
            '(attribute_not_exists(observedAt) OR observedAt <= :at) AND (attribute_not_exists(changedAt) OR changedAt < :at)',
          ExpressionAttributeValues: { ':at': at },
        }),
      )
      .catch(ignoreLostRace);
  }

  /** Every slice's fingerprint in the partition, a page at a time. */
  private async storedFingerprints(pk: string): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :slice)',
          ProjectionExpression: 'sk, fingerprint',
          ExpressionAttributeValues: { ':pk': pk, ':slice': SLICE },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? [])
        found.set(String(item.sk).slice(SLICE.length), String(item.fingerprint ?? ''));
      start = page.LastEvaluatedKey;
    } while (start);
    return found;
  }
}
