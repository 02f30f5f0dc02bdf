// resolveServerVariables: what the agent puts in a script's environment, read from the real store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../functions/domain/ids';
import type { Farm } from '../../../functions/domain/schemas/farm';
import type { Server } from '../../../functions/domain/schemas/server';
import { resolveServerVariables } from '../../../functions/services/variables/resolve-for-server';
import { createServerRecord } from '../../support/server-record';
import { v } from '../../unit/variables/variable-fixtures';
import { declare, type StoreWorld, startStoreWorld, storedFarm } from './variables-store-world';

let world: StoreWorld;
let farm: Farm;
let web: Server;
let db: Server;

beforeAll(async () => {
  world = await startStoreWorld();
  const { store } = world;
  farm = await storedFarm(store, 'shop');
  const [webRole, dbRole] = farm.farmRoles as [
    Farm['farmRoles'][0] & { id: string },
    Farm['farmRoles'][0] & { id: string },
  ];
  web = await createServerRecord(store, { ...farm, farmRoles: [webRole] }, { index: 2 });
  db = await createServerRecord(store, { ...farm, farmRoles: [dbRole] }, { instanceType: 'm5.large' });
  const acc = farm.accountId;
  await declare(store, acc, { scope: 'account' }, [
    v('LOG_LEVEL', 'info'),
    v('API_TOKEN', 'tok-secret', { hidden: true }),
    v('REGION', 'eu', { final: true }),
  ]);
  await declare(store, acc, { scope: 'environment', environmentId: farm.environmentId }, [
    v('LOG_LEVEL', 'warn'),
  ]);
  await declare(store, acc, { scope: 'role', roleId: webRole.roleId }, [v('PORT', '80')]);
  await declare(store, acc, { scope: 'farm', farmId: farm.id }, [v('REGION', 'us'), v('APP', 'shop')]);
  await declare(store, acc, { scope: 'farmRole', farmId: farm.id, farmRoleId: webRole.id }, [
    v('PORT', '8080'),
  ]);
  await declare(store, acc, { scope: 'server', farmId: farm.id, serverId: web.id }, [
    v('LOG_LEVEL', 'debug'),
  ]);
});
afterAll(() => world?.stop());

describe('resolveServerVariables', () => {
  it('resolves every scope down to the server, hidden values in clear, with the built-ins', async () => {
    const env = await resolveServerVariables(
      world,
      {
        accountId: farm.accountId,
        farmId: farm.id,
        serverId: web.id,
      },
      { eventName: 'HostUp' },
    );
    expect(env).toEqual({
      LOG_LEVEL: 'debug',
      API_TOKEN: 'tok-secret',
      REGION: 'eu',
      PORT: '8080',
      APP: 'shop',
      DROVER_ACCOUNT_ID: farm.accountId,
      DROVER_ENV_ID: farm.environmentId,
      DROVER_FARM_ID: farm.id,
      DROVER_FARM_NAME: 'shop',
      DROVER_FARM_ROLE_ALIAS: 'web',
      DROVER_SERVER_ID: web.id,
      DROVER_INSTANCE_INDEX: '2',
      DROVER_CLOUD_PLATFORM: 'aws',
      DROVER_CLOUD_LOCATION: 'us-east-1',
      DROVER_INSTANCE_TYPE: 't3.small',
      DROVER_EVENT_NAME: 'HostUp',
    });
  });

  it("keeps another farm role's and another server's declarations out", async () => {
    const env = await resolveServerVariables(world, {
      accountId: farm.accountId,
      farmId: farm.id,
      serverId: db.id,
    });
    expect(env).toMatchObject({
      LOG_LEVEL: 'warn',
      DROVER_FARM_ROLE_ALIAS: 'db',
      DROVER_INSTANCE_TYPE: 'm5.large',
    });
    expect(env).not.toHaveProperty('PORT');
    expect(env).not.toHaveProperty('DROVER_EVENT_NAME');
  });

  it('gives a fan-out target the facts of the server that raised the event', async () => {
    const env = await resolveServerVariables(
      world,
      { accountId: farm.accountId, farmId: farm.id, serverId: db.id },
      { eventName: 'HostDown', triggeringServer: web },
    );
    expect(env).toMatchObject({
      DROVER_SERVER_ID: db.id,
      DROVER_EVENT_NAME: 'HostDown',
      DROVER_EVENT_SERVER_ID: web.id,
      DROVER_EVENT_FARM_ROLE_ALIAS: 'web',
      DROVER_EVENT_FARM_NAME: 'shop',
      DROVER_EVENT_INSTANCE_INDEX: '2',
    });
  });

  it('names the farm of a triggering server in another farm', async () => {
    const other = await storedFarm(world.store, 'billing', farm.accountId);
    const [otherRole] = other.farmRoles as [Farm['farmRoles'][0] & { id: string }];
    const foreign = await createServerRecord(world.store, { ...other, farmRoles: [otherRole] });
    const env = await resolveServerVariables(
      world,
      { accountId: farm.accountId, farmId: farm.id, serverId: web.id },
      { eventName: 'HostUp', triggeringServer: foreign },
    );
    expect(env).toMatchObject({ DROVER_EVENT_FARM_ID: other.id, DROVER_EVENT_FARM_NAME: 'billing' });
  });

  it('answers 404 for a server of another account', async () => {
    await expect(
      resolveServerVariables(world, { accountId: newId('account'), farmId: farm.id, serverId: web.id }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
