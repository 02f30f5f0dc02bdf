// A real store on dynalite for the Global Variables tests, and a farm with two farm roles written
// straight to it (no API, no cloud): what resolution and launch checks read.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/client';
import { createTableIfMissing } from '../../../functions/adapters/dynamodb/create-table';
import { createDynamoStore } from '../../../functions/adapters/dynamodb/dynamo-store';
import { newId } from '../../../functions/domain/ids';
import type { Farm } from '../../../functions/domain/schemas/farm';
import type { GlobalVariable, VariableTarget } from '../../../functions/domain/variables';
import type { Store } from '../../../functions/ports/store';
import { type LocalDynamo, startDynalite } from '../../../local/dynamo-local';

export interface StoreWorld {
  store: Store;
  stop(): Promise<void>;
}

export async function startStoreWorld(table = 'variables'): Promise<StoreWorld> {
  const dynamo: LocalDynamo = await startDynalite();
  await createTableIfMissing(
    new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    table,
  );
  return {
    store: createDynamoStore(createDocumentClient({ tableName: table, endpoint: dynamo.endpoint }), table),
    stop: () => dynamo.stop(),
  };
}

/** A stored farm in a fresh account with farm roles `web` and `db` (roles of their own). */
export async function storedFarm(
  store: Store,
  name = 'vars-farm',
  accountId = newId('account'),
): Promise<Farm> {
  const now = new Date().toISOString();
  const farmRole = (alias: string) => ({
    id: newId('farmRole'),
    platform: 'aws' as const,
    roleId: newId('role'),
    alias,
    credentialsId: newId('credentials'),
    region: 'us-east-1',
    zones: ['us-east-1a'],
    instanceType: 't3.small',
    fallbackInstanceTypes: [],
    volumes: [],
    minInstances: 1,
    maxInstances: 2,
    scaleInOrder: 'newest-first' as const,
    launchOrder: 0,
    launchTimeoutSec: 900,
    initTimeoutSec: 1200,
    tags: {},
    network: { subnetIds: [], securityGroupIds: [], associatePublicIp: false },
  });
  const farm = {
    id: newId('farm'),
    accountId,
    environmentId: newId('environment'),
    name,
    description: '',
    leaseExpiresAt: null,
    farmRoles: [farmRole('web'), farmRole('db')],
    status: 'Terminated' as const,
    ownerId: 'usr-1',
    launchedAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  } as Farm;
  await store.farms.create(farm);
  return farm;
}

/** Writes one scope's declarations over whatever it held. */
export async function declare(
  store: Store,
  accountId: string,
  target: VariableTarget,
  variables: GlobalVariable[],
): Promise<void> {
  const current = await store.variables.get(accountId, target);
  await store.variables.save(
    { accountId, target, variables, version: current.version + 1, updatedAt: new Date().toISOString() },
    current.version,
  );
}
