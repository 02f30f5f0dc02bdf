// A small, pure, perfect world to run plans in: a store of server records, one cloud that does
// what it is asked (instances boot in one tick, stop and terminate in one tick), an agent that
// reports HostUp as soon as an instance runs, and a list that may lag behind launches.
// It applies actions the way the reconcile service is meant to: the record write, then the call.

import type { ObservedInstance } from '../../../functions/domain/clouds/observed-instance';
import type { FarmAction, InstanceTarget, PlanFarm, PlanServer } from '../../../functions/domain/planning';
import type { ServerStatus } from '../../../functions/domain/schemas/server';
import { ACCOUNT_ID, ENV_ID, idOf } from './farm-fixtures';

export interface World {
  farm: PlanFarm;
  servers: PlanServer[];
  /** The cloud's truth, every instance ever launched (ended ones stay listed, as on EC2). */
  instances: ObservedInstance[];
  /** Absolute ms at which each instance id starts to appear in lists. */
  visibleFrom: Record<string, number>;
  now: number;
  launches: number;
  /** Every cloud call made, for assertions. */
  calls: { kind: 'launch' | 'terminate' | 'stop' | 'start'; instanceId: string; known: boolean }[];
}

export const listed = (w: World): ObservedInstance[] =>
  w.instances.filter((i) => (w.visibleFrom[i.instanceId] ?? 0) <= w.now);

const clone = (w: World): World => structuredClone(w);

function writeServer(w: World, id: string, change: Partial<PlanServer>, status?: ServerStatus): void {
  const s = w.servers.find((x) => x.id === id);
  if (!s) throw new Error(`no server ${id}`);
  const when = new Date(w.now).toISOString();
  Object.assign(s, change, { version: s.version + 1, updatedAt: when });
  if (status) {
    s.status = status;
    s.timestamps = { ...s.timestamps, [status]: when };
  }
}

/** Records the call; an unknown instance is a no-op, as a driver maps the cloud's NotFound. */
function call(
  w: World,
  kind: 'terminate' | 'stop' | 'start',
  target: InstanceTarget,
): ObservedInstance | undefined {
  const i = w.instances.find((x) => x.platform === target.platform && x.instanceId === target.instanceId);
  w.calls.push({ kind, instanceId: target.instanceId, known: i !== undefined });
  return i;
}

function cloudTerminate(w: World, target: InstanceTarget | null): void {
  const i = target && call(w, 'terminate', target);
  if (i && i.state !== 'terminated') i.state = 'shutting-down';
}

/** Idempotent by server id, like RunInstances with a ClientToken. */
function cloudLaunch(w: World, serverId: string, lagMs: number): void {
  const s = w.servers.find((x) => x.id === serverId)!;
  if (w.instances.some((i) => i.serverId === serverId)) return;
  const instanceId = `i-${String(++w.launches).padStart(17, '0')}sim`;
  w.calls.push({ kind: 'launch', instanceId, known: true });
  w.instances.push({
    instanceId,
    platform: s.platform,
    region: s.region,
    zone: s.zone,
    state: 'pending',
    instanceType: s.instanceType,
    imageId: 'ami-00000000000000001',
    privateIp: `10.1.${Math.floor(w.launches / 250)}.${w.launches % 250}`,
    publicIp: null,
    launchedAt: new Date(w.now).toISOString(),
    accountId: ACCOUNT_ID,
    environmentId: ENV_ID,
    farmId: s.farmId,
    farmRoleId: s.farmRoleId,
    serverId,
    tags: {},
  });
  w.visibleFrom[instanceId] = w.now + lagMs;
}

/** Applies one action in place. */
export function applyAction(w: World, a: FarmAction, lagMs = 0): void {
  switch (a.type) {
    case 'recordInstance':
      writeServer(
        w,
        a.serverId,
        {
          instanceId: a.instance.instanceId,
          zone: a.instance.zone,
          privateIp: a.instance.privateIp,
          publicIp: a.instance.publicIp,
        },
        a.status ?? undefined,
      );
      return;
    case 'advance':
      writeServer(w, a.serverId, { privateIp: a.privateIp, publicIp: a.publicIp }, a.to);
      return;
    case 'recordAddresses':
      writeServer(w, a.serverId, { privateIp: a.privateIp, publicIp: a.publicIp });
      return;
    case 'markTerminated':
      writeServer(w, a.serverId, { instanceId: a.instanceId, statusReason: a.reason }, 'Terminated');
      return;
    case 'markFailed':
      writeServer(w, a.serverId, { statusReason: a.reason }, 'Failed');
      cloudTerminate(w, a.target);
      return;
    case 'terminate':
      if (a.recordStatus) {
        writeServer(
          w,
          a.serverId,
          { instanceId: a.target?.instanceId ?? null, statusReason: a.reason },
          a.recordStatus,
        );
      }
      cloudTerminate(w, a.target);
      return;
    case 'terminateOrphan':
      cloudTerminate(w, a.target);
      return;
    case 'stop': {
      if (a.recordStatus) writeServer(w, a.serverId, { statusReason: a.reason }, a.recordStatus);
      const i = call(w, 'stop', a.target);
      if (i?.state === 'running') i.state = 'stopping';
      return;
    }
    case 'start': {
      writeServer(w, a.serverId, { statusReason: a.reason }, 'Pending');
      const i = call(w, 'start', a.target);
      if (i?.state === 'stopped') i.state = 'pending';
      return;
    }
    case 'retryLaunch':
      cloudLaunch(w, a.serverId, lagMs);
      return;
    case 'launch': {
      const role = w.farm.farmRoles.find((r) => r.id === a.farmRoleId)!;
      const id = idOf('srv', `9${String(w.servers.length + 1).padStart(6, '0')}`);
      const when = new Date(w.now).toISOString();
      w.servers.push({
        id,
        farmId: w.farm.id,
        farmRoleId: role.id,
        farmRoleAlias: role.alias,
        index: a.index,
        platform: role.platform,
        credentialsId: role.credentialsId,
        region: role.region,
        zone: a.zone,
        instanceType: a.instanceType,
        status: 'Pending Launch',
        statusReason: a.reason,
        instanceId: null,
        privateIp: null,
        publicIp: null,
        replacesServerId: a.replacesServerId,
        timestamps: { 'Pending Launch': when },
        version: 1,
        createdAt: when,
        updatedAt: when,
      });
      cloudLaunch(w, id, lagMs);
      return;
    }
    case 'farmStatus':
      w.farm = { ...w.farm, status: a.to };
      return;
  }
}

export function applyPlan(world: World, actions: readonly FarmAction[], lagMs = 0): World {
  const w = clone(world);
  for (const a of actions) applyAction(w, a, lagMs);
  return w;
}

/** Time passes: instances finish their transitions and the agent reports HostUp for running ones. */
export function tick(world: World, ms: number): World {
  const w = clone(world);
  w.now += ms;
  for (const i of w.instances) {
    if (i.state === 'pending') i.state = 'running';
    else if (i.state === 'stopping') i.state = 'stopped';
    else if (i.state === 'shutting-down') i.state = 'terminated';
  }
  for (const s of w.servers) {
    const i = w.instances.find((x) => x.instanceId === s.instanceId);
    if (s.status === 'Initializing' && i?.state === 'running') writeServer(w, s.id, {}, 'Running');
  }
  return w;
}
