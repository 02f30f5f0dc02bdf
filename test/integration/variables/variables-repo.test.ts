// The Global Variable sets on dynalite: one versioned document per scope, If-Match on every write,
// tenants kept apart, a farm's sets read together and removed with the farm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../functions/domain/ids';
import type { Farm } from '../../../functions/domain/schemas/farm';
import type { VariableSet, VariableTarget } from '../../../functions/domain/variables';
import type { Store } from '../../../functions/ports/store';
import { v } from '../../unit/variables/variable-fixtures';
import { type StoreWorld, startStoreWorld } from './variables-store-world';

let world: StoreWorld;
let store: Store;

beforeAll(async () => {
  world = await startStoreWorld();
  store = world.store;
});
afterAll(() => world?.stop());

const setAt = (
  accountId: string,
  target: VariableTarget,
  version: number,
  ...names: string[]
): VariableSet => ({
  accountId,
  target,
  variables: names.map((n) => v(n, `value-of-${n}`)),
  version,
  updatedAt: new Date().toISOString(),
});

describe('variable sets on dynalite', () => {
  const acc = newId('account');
  const farmId = newId('farm');
  const targets: VariableTarget[] = [
    { scope: 'account' },
    { scope: 'environment', environmentId: newId('environment') },
    { scope: 'role', roleId: newId('role') },
    { scope: 'farm', farmId },
    { scope: 'farmRole', farmId, farmRoleId: newId('farmRole') },
    { scope: 'server', farmId, serverId: newId('server') },
  ];

  it.each(targets.map((t) => [t.scope, t] as const))(
    'answers version 0 with no variables for a %s scope never written, then keeps each write',
    async (_scope, target) => {
      expect(await store.variables.get(acc, target)).toEqual({
        accountId: acc,
        target,
        variables: [],
        version: 0,
        updatedAt: null,
      });
      await store.variables.save(setAt(acc, target, 1, 'A'), 0);
      await store.variables.save(setAt(acc, target, 2, 'A', 'B'), 1);
      const stored = await store.variables.get(acc, target);
      expect(stored.version).toBe(2);
      expect(stored.variables.map((x) => x.name)).toEqual(['A', 'B']);
    },
  );

  it('refuses a stale version with 412 and the current version, including a second first write', async () => {
    const target: VariableTarget = { scope: 'environment', environmentId: newId('environment') };
    await store.variables.save(setAt(acc, target, 1, 'A'), 0);
    await expect(store.variables.save(setAt(acc, target, 1, 'B'), 0)).rejects.toMatchObject({
      status: 412,
      currentVersion: 1,
    });
    await store.variables.save(setAt(acc, target, 2, 'B'), 1);
    await expect(store.variables.save(setAt(acc, target, 2, 'C'), 1)).rejects.toMatchObject({
      status: 412,
      currentVersion: 2,
    });
    expect((await store.variables.get(acc, target)).variables.map((x) => x.name)).toEqual(['B']);
  });

  it('never shows one account the sets of another', async () => {
    const other = newId('account');
    expect(await store.variables.get(other, { scope: 'account' })).toMatchObject({
      version: 0,
      variables: [],
    });
    expect(await store.variables.listForFarm({ accountId: other, farmId })).toEqual([]);
  });

  it("reads a farm's own, farm role and server sets together, and none of another farm", async () => {
    const sets = await store.variables.listForFarm({ accountId: acc, farmId });
    expect(sets.map((s) => s.target.scope).sort()).toEqual(['farm', 'farmRole', 'server']);
  });

  it('keeps the sets out of the listings that share their partitions', async () => {
    expect((await store.roles.list({ accountId: acc }, { limit: 50 })).items).toEqual([]);
    expect(await store.servers.listByFarm({ accountId: acc, farmId })).toEqual([]);
  });

  it("removes a farm's sets with the farm", async () => {
    const accountId = newId('account');
    const environmentId = newId('environment');
    const now = new Date().toISOString();
    const farm: Farm = {
      id: newId('farm'),
      accountId,
      environmentId,
      name: 'vars-delete',
      description: '',
      leaseExpiresAt: null,
      farmRoles: [],
      status: 'Terminated' as const,
      ownerId: 'usr-1',
      launchedAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    } as Farm;
    await store.farms.create(farm);
    await store.variables.save(setAt(accountId, { scope: 'farm', farmId: farm.id }, 1, 'A'), 0);
    await store.farms.delete({ accountId }, farm.id, 1);
    expect(await store.variables.listForFarm({ accountId, farmId: farm.id })).toEqual([]);
  });
});
