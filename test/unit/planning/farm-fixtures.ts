// Builders for planner inputs: a farm, its farm roles, server records and listed instances,
// with valid ids and times counted from T0, so a test states only what it is about.

import type { ObservedInstance } from '../../../functions/domain/clouds/observed-instance';
import type { PlanFarm, PlanFarmRole, PlanServer } from '../../../functions/domain/planning';
import type { FarmStatus } from '../../../functions/domain/schemas/farm';
import type { Server, ServerStatus } from '../../../functions/domain/schemas/server';

export const T0 = Date.parse('2025-03-01T12:00:00.000Z');
export const iso = (ms: number) => new Date(T0 + ms).toISOString();
export const SEC = 1000;
export const MIN = 60 * SEC;

export const idOf = (prefix: string, n: number | string) => `${prefix}-${String(n).padStart(26, '0')}`;

export const FARM_ID = idOf('farm', 1);
export const ACCOUNT_ID = idOf('acc', 1);
export const ENV_ID = idOf('env', 1);
export const CRED_ID = idOf('cred', 1);

export function farmRole(n: number, over: Partial<PlanFarmRole> = {}): PlanFarmRole {
  return {
    id: idOf('fr', n),
    alias: `role-${n}`,
    platform: 'aws',
    credentialsId: CRED_ID,
    region: 'us-east-1',
    zones: ['us-east-1a', 'us-east-1b'],
    instanceType: 't3.micro',
    minInstances: 2,
    maxInstances: 4,
    scaleInOrder: 'newest-first',
    launchOrder: 0,
    launchTimeoutSec: 900,
    initTimeoutSec: 1200,
    ...over,
  };
}

export function farm(status: FarmStatus, farmRoles: PlanFarmRole[]): PlanFarm {
  return { id: FARM_ID, accountId: ACCOUNT_ID, status, farmRoles };
}

export interface ServerOptions extends Partial<Server> {
  /** When the server entered its current status, in ms from T0 (default: createdAt). */
  enteredAt?: number;
  /** createdAt in ms from T0 (default -30 min). */
  created?: number;
}

/** A server record of `role`; timestamps are filled for its status and the ones before it. */
export function server(
  n: number,
  role: PlanFarmRole,
  status: ServerStatus,
  opts: ServerOptions = {},
): Server {
  const { enteredAt, created = -30 * MIN, ...over } = opts;
  const createdAt = iso(created);
  const entered = iso(enteredAt ?? created);
  const hasInstance = status !== 'Pending Launch' && status !== 'Terminated';
  return {
    id: idOf('srv', n),
    accountId: ACCOUNT_ID,
    environmentId: ENV_ID,
    farmId: FARM_ID,
    farmRoleId: role.id,
    farmRoleAlias: role.alias,
    index: n,
    platform: role.platform,
    credentialsId: role.credentialsId,
    region: role.region,
    zone: role.zones[0]!,
    instanceType: role.instanceType,
    imageId: 'ami-00000000000000001',
    status,
    statusReason: '',
    instanceId: hasInstance ? `i-${String(n).padStart(17, '0')}` : null,
    privateIp: hasInstance ? `10.0.0.${n % 250}` : null,
    publicIp: null,
    replacesServerId: null,
    timestamps: { 'Pending Launch': createdAt, [status]: entered },
    version: 1,
    createdAt,
    updatedAt: entered,
    ...over,
  };
}

/** The instance a record refers to, as a list shows it. */
export function instanceOf(s: PlanServer, over: Partial<ObservedInstance> = {}): ObservedInstance {
  return {
    instanceId: s.instanceId ?? `i-${s.id.slice(-17)}`,
    platform: s.platform,
    region: s.region,
    zone: s.zone,
    state: 'running',
    instanceType: s.instanceType,
    imageId: 'ami-00000000000000001',
    privateIp: s.privateIp,
    publicIp: s.publicIp,
    launchedAt: s.createdAt,
    accountId: ACCOUNT_ID,
    environmentId: ENV_ID,
    farmId: s.farmId,
    farmRoleId: s.farmRoleId,
    serverId: s.id,
    tags: {},
    ...over,
  };
}

/** An instance carrying this farm's tags that no record knows. */
export function stray(
  n: number,
  role: PlanFarmRole,
  launched: number,
  over: Partial<ObservedInstance> = {},
): ObservedInstance {
  return {
    instanceId: `i-${String(9000 + n).padStart(17, '0')}`,
    platform: role.platform,
    region: role.region,
    zone: role.zones[0]!,
    state: 'running',
    instanceType: role.instanceType,
    imageId: 'ami-00000000000000001',
    privateIp: null,
    publicIp: null,
    launchedAt: iso(launched),
    accountId: ACCOUNT_ID,
    environmentId: ENV_ID,
    farmId: FARM_ID,
    farmRoleId: role.id,
    tags: {},
    ...over,
  };
}
