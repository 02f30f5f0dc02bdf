// Farms, with their names unique per environment (farm-name-claims.ts). Deleting a farm takes
// its partition with it: its servers, events and executions.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Farm } from '../../domain/schemas/farm';
import type { FarmRepo } from '../../ports/store';
import { deletePartition } from './batch-deletes';
import { createFarmNameClaims } from './farm-name-claims';
import { farmPartition, keys } from './keys';
import type { VersionedItems } from './versioned-items';

export function createFarmRepo(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
): FarmRepo {
  const farmKeys = (farm: Farm) => ({
    ...keys.farm(farm.accountId, farm.id),
    ...keys.farmByEnvironment(farm.accountId, farm.environmentId, farm.id),
  });
  const getFarm = (acc: string, id: string) => items.get<Farm>(keys.farm(acc, id));
  const names = createFarmNameClaims(db, tableName, getFarm);

  return {
    get: ({ accountId }, id) => getFarm(accountId, id),

    findByName: ({ accountId, environmentId }, name) => names.holder(accountId, environmentId, name),

    listByEnvironment: ({ accountId, environmentId }, page) =>
      items.page<Farm>(`ACC#${accountId}#ENV#${environmentId}`, 'FARM#', page.limit, page.cursor, {
        index: 'gsi1',
      }),

    async create(farm) {
      await names.claim(farm);
      try {
        await items.create('farm', farmKeys(farm), farm, 'Farm');
      } catch (err) {
        await names.release(farm.accountId, farm.environmentId, farm.name, farm.id);
        throw err;
      }
    },

    async update(farm, expected, previousName) {
      const renamed = farm.name.toLowerCase() !== previousName.toLowerCase();
      if (renamed) await names.claim(farm);
      try {
        await items.update('farm', farmKeys(farm), farm, expected, 'Farm');
      } catch (err) {
        if (renamed) await names.release(farm.accountId, farm.environmentId, farm.name, farm.id);
        throw err;
      }
      if (renamed) await names.release(farm.accountId, farm.environmentId, previousName, farm.id);
    },

    async delete({ accountId }, id, expected) {
      const farm = await getFarm(accountId, id);
      await items.delete(keys.farm(accountId, id), 'Farm', expected);
      if (farm) await names.release(accountId, farm.environmentId, farm.name, id);
      await deletePartition(db, tableName, farmPartition(accountId, id));
    },
  };
}
