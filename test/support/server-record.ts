// A server record written straight to the store, for tests that need one without a launch.
import { newId } from '../../functions/domain/ids';
import type { Server } from '../../functions/domain/schemas/server';
import type { Store } from '../../functions/ports/store';

export async function createServerRecord(
  store: Store,
  farm: {
    id: string;
    accountId: string;
    environmentId: string;
    farmRoles: { id: string; alias: string; credentialsId: string }[];
  },
  overrides: Partial<Server> = {},
): Promise<Server> {
  const fr = farm.farmRoles[0]!;
  const now = new Date().toISOString();
  const server: Server = {
    id: newId('server'),
    accountId: farm.accountId,
    environmentId: farm.environmentId,
    farmId: farm.id,
    farmRoleId: fr.id,
    farmRoleAlias: fr.alias,
    index: 1,
    platform: 'aws',
    credentialsId: fr.credentialsId,
    region: 'us-east-1',
    zone: 'us-east-1a',
    instanceType: 't3.small',
    imageId: 'ami-0123456789abcdef0',
    status: 'Pending',
    statusReason: '',
    instanceId: null,
    privateIp: null,
    publicIp: null,
    replacesServerId: null,
    timestamps: { Pending: now },
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  await store.servers.create(server);
  return server;
}
