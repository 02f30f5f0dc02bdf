// The Inventory port on dynalite: a location's listing split into farm slices, only changed
// slices rewritten (counted DynamoDB requests), the listing claim, a direct look that an older
// listing cannot overwrite, changes noted on a slice, and one account never reading another's.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableIfMissing } from '../../../functions/adapters/dynamodb/create-table';
import type { ObservedInstance } from '../../../functions/domain/clouds/observed-instance';
import { newId } from '../../../functions/domain/ids';
import type { Inventory, InventoryLocation } from '../../../functions/ports/inventory';
import { type LocalDynamo, startDynalite } from '../../../local/dynamo-local';
import { countedStore, type DynamoCounts } from '../../support/counted-store';

const TABLE = 'inventory';
let dynamo: LocalDynamo;
let inventory: Inventory;
let counts: DynamoCounts;
let destroy: () => void;

beforeAll(async () => {
  dynamo = await startDynalite();
  const raw = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createTableIfMissing(raw, TABLE);
  raw.destroy();
  const counted = countedStore(dynamo.endpoint, TABLE);
  inventory = counted.store.inventory;
  counts = counted.counts;
  destroy = counted.destroy;
});
afterAll(async () => {
  destroy?.();
  await dynamo?.stop();
});

function location(): InventoryLocation {
  return {
    accountId: newId('account'),
    platform: 'aws',
    credentialsId: newId('credentials'),
    region: 'us-east-1',
  };
}

function instance(farmId: string, n: number, state: ObservedInstance['state'] = 'running'): ObservedInstance {
  return {
    instanceId: `i-${farmId.slice(-6)}${n}`,
    platform: 'aws',
    region: 'us-east-1',
    zone: 'us-east-1a',
    state,
    instanceType: 't3.micro',
    imageId: 'ami-0d1e2b3c4a5f60718',
    privateIp: `10.0.0.${n}`,
    publicIp: null,
    launchedAt: '2026-12-01T00:00:00.000Z',
    farmId,
    tags: { 'drover:farm-id': farmId },
  };
}

describe('the DynamoDB inventory', () => {
  it('answers an unknown location as never listed, with an empty slice', async () => {
    expect(await inventory.read(location(), 'farm-x')).toEqual({
      listedAt: null,
      slice: { instances: [], observedAt: null, changedAt: null },
    });
  });

  it('keeps a listing as one slice per farm, each farm reading only its own', async () => {
    const at = location();
    const [a, b] = [newId('farm'), newId('farm')];
    const listing = new Map([
      [a, [instance(a, 1), instance(a, 2)]],
      [b, [instance(b, 1)]],
    ]);
    expect(await inventory.claimRefresh(at, 'h1', 1_000, 5_000)).toBe(true);
    expect(await inventory.saveListing(at, 'h1', { listedAt: 1_000, byFarm: listing })).toBe(2);
    const mine = await inventory.read(at, a);
    expect(mine.listedAt).toBe(1_000);
    expect(mine.slice.instances.map((i) => i.instanceId)).toEqual([
      instance(a, 1).instanceId,
      instance(a, 2).instanceId,
    ]);
    expect(mine.slice.instances[0]).toEqual(instance(a, 1));
    expect((await inventory.read(at, b)).slice.instances).toEqual([instance(b, 1)]);
  });

  it('rewrites only the slices that changed: a quiet listing writes its time and nothing else', async () => {
    const at = location();
    const farms = Array.from({ length: 30 }, () => newId('farm'));
    const byFarm = new Map(farms.map((f) => [f, [instance(f, 1), instance(f, 2)]]));
    await inventory.claimRefresh(at, 'h', 0, 5_000);
    expect(await inventory.saveListing(at, 'h', { listedAt: 1_000, byFarm })).toBe(30);

    counts.reset();
    await inventory.claimRefresh(at, 'h', 60_000, 65_000);
    expect(await inventory.saveListing(at, 'h', { listedAt: 60_000, byFarm: new Map(byFarm) })).toBe(0);
    expect(counts.requests).toEqual({ UpdateItemCommand: 2, QueryCommand: 1 }); // claim, fingerprints, time

    // One farm's instance stopped, another farm's instances are gone: those two slices, nothing else.
    const [changed, gone] = [farms[3]!, farms[7]!];
    const next = new Map(byFarm);
    next.set(changed, [instance(changed, 1, 'stopped'), instance(changed, 2)]);
    next.delete(gone);
    await inventory.claimRefresh(at, 'h', 120_000, 125_000);
    expect(await inventory.saveListing(at, 'h', { listedAt: 120_000, byFarm: next })).toBe(2);
    expect((await inventory.read(at, changed)).slice.instances[0]?.state).toBe('stopped');
    // No slice left: empty as of the listing.
    expect(await inventory.read(at, gone)).toEqual({
      listedAt: 120_000,
      slice: { instances: [], observedAt: null, changedAt: null },
    });
  });

  it('lets one lister claim a location at a time, until its claim is given back or runs out', async () => {
    const at = location();
    expect(await inventory.claimRefresh(at, 'first', 1_000, 11_000)).toBe(true);
    expect(await inventory.claimRefresh(at, 'second', 2_000, 12_000)).toBe(false);
    expect(await inventory.claimRefresh(at, 'second', 11_001, 21_000)).toBe(true); // the first one's ran out
    // The first lister's late save neither gives back nor moves the second one's claim.
    await inventory.saveListing(at, 'first', { listedAt: 1_000, byFarm: new Map() });
    expect(await inventory.claimRefresh(at, 'third', 12_000, 22_000)).toBe(false);
    await inventory.saveListing(at, 'second', { listedAt: 11_001, byFarm: new Map() });
    expect(await inventory.claimRefresh(at, 'third', 12_000, 22_000)).toBe(true);
  });

  it('keeps the newest look at a farm: a listing that began earlier does not overwrite a direct look', async () => {
    const at = location();
    const farm = newId('farm');
    await inventory.saveSlice(at, farm, [instance(farm, 1), instance(farm, 2)], 5_000);
    await inventory.claimRefresh(at, 'h', 1_000, 9_000);
    await inventory.saveListing(at, 'h', { listedAt: 4_000, byFarm: new Map([[farm, [instance(farm, 1)]]]) });
    const read = await inventory.read(at, farm);
    expect(read.slice.instances).toHaveLength(2);
    expect(read.slice.observedAt).toBe(5_000);
    expect(read.listedAt).toBe(4_000);
  });

  it('notes a change on a slice without losing its instances, the latest change winning', async () => {
    const at = location();
    const farm = newId('farm');
    await inventory.saveSlice(at, farm, [instance(farm, 1)], 1_000);
    await inventory.noteChange(at, farm, 3_000);
    await inventory.noteChange(at, farm, 2_000); // a late note of an earlier change
    expect((await inventory.read(at, farm)).slice).toEqual({
      instances: [instance(farm, 1)],
      observedAt: 1_000,
      changedAt: 3_000,
    });
    // A change on a farm never listed: a slice with no instances and no observation (unknown, not empty).
    const fresh = newId('farm');
    await inventory.noteChange(at, fresh, 4_000);
    expect((await inventory.read(at, fresh)).slice).toEqual({
      instances: [],
      observedAt: null,
      changedAt: 4_000,
    });
  });

  it('keeps the slice of a farm a listing found empty when a change was noted after that listing began', async () => {
    const at = location();
    const farm = newId('farm');
    await inventory.saveSlice(at, farm, [instance(farm, 1)], 1_000);
    await inventory.noteChange(at, farm, 5_000); // a launch the listing below may have missed
    await inventory.claimRefresh(at, 'h', 4_000, 9_000);
    await inventory.saveListing(at, 'h', { listedAt: 4_000, byFarm: new Map() });
    expect((await inventory.read(at, farm)).slice).toEqual({
      instances: [instance(farm, 1)],
      observedAt: 1_000,
      changedAt: 5_000,
    });
  });

  it('never shows one account the inventory of another, even for the same credentials id and region', async () => {
    const mine = location();
    const theirs = { ...mine, accountId: newId('account') };
    const farm = newId('farm');
    await inventory.saveSlice(mine, farm, [instance(farm, 1)], 1_000);
    expect((await inventory.read(theirs, farm)).slice.instances).toEqual([]);
  });
});
