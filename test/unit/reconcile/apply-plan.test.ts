// The plan applier carries out what the planning domain decided, in order, against its ports:
// here in-memory fakes (test/support/reconcile-fakes.ts), so each test reads the writes, cloud
// calls and events it caused.
import { describe, expect, it } from 'vitest';
import {
  type FarmAction,
  type Launch,
  nextPlacement,
  type Terminate,
} from '../../../functions/domain/planning';
import { Farm } from '../../../functions/domain/schemas/farm';
import { Role } from '../../../functions/domain/schemas/role';
import type { Server } from '../../../functions/domain/schemas/server';
import { applyPlan } from '../../../functions/services/reconcile/apply-plan';
import {
  CollectingPublisher,
  FakeCloudDriver,
  fakeApplierPorts,
  InMemoryRecords,
} from '../../support/reconcile-fakes';
import { ACCOUNT_ID, CRED_ID, ENV_ID, FARM_ID, idOf } from '../planning/farm-fixtures';

const AT = '2026-01-01T00:00:00.000Z';
const ROLE_ID = idOf('role', 1);
const FR_ID = idOf('fr', 1);
const srv = (n: number) => `srv-${String(n).padStart(26, '0')}`;

const farm = Farm.parse({
  id: FARM_ID,
  accountId: ACCOUNT_ID,
  environmentId: ENV_ID,
  status: 'Running',
  name: 'shop',
  ownerId: 'usr-1',
  farmRoles: [
    {
      id: FR_ID,
      platform: 'aws',
      roleId: ROLE_ID,
      alias: 'web',
      credentialsId: CRED_ID,
      region: 'us-east-1',
      zones: ['us-east-1a', 'us-east-1b'],
      instanceType: 't3.small',
      fallbackInstanceTypes: ['t3.medium'],
      minInstances: 2,
      maxInstances: 4,
    },
  ],
  version: 1,
  createdAt: AT,
  updatedAt: AT,
});
const farmRole = farm.farmRoles[0]!;
const role = Role.parse({
  id: ROLE_ID,
  accountId: ACCOUNT_ID,
  name: 'base',
  osFamily: 'linux',
  images: [{ platform: 'aws', location: 'us-east-1', imageId: 'ami-0123456789abcdef0' }],
  version: 1,
  createdAt: AT,
  updatedAt: AT,
});

function launch(index: number, zone = 'us-east-1a'): Launch {
  return {
    type: 'launch',
    farmRoleId: FR_ID,
    farmRoleAlias: 'web',
    index,
    zone,
    instanceType: 't3.small',
    replacesServerId: null,
    cause: 'scale-out',
    reason: 'scale out',
  };
}

function record(n: number, status: Server['status'], over: Partial<Server> = {}): Server {
  return {
    // Records a test starts with are numbered apart from the servers the applier creates (srv(1), srv(2)…).
    id: srv(100 + n),
    accountId: ACCOUNT_ID,
    environmentId: ENV_ID,
    farmId: FARM_ID,
    farmRoleId: FR_ID,
    farmRoleAlias: 'web',
    index: n,
    platform: 'aws',
    credentialsId: CRED_ID,
    region: 'us-east-1',
    zone: 'us-east-1a',
    instanceType: 't3.small',
    imageId: 'ami-0123456789abcdef0',
    status,
    statusReason: '',
    instanceId: status === 'Pending Launch' ? null : `i-${String(n).padStart(17, '0')}`,
    privateIp: null,
    publicIp: null,
    replacesServerId: null,
    timestamps: { 'Pending Launch': AT, [status]: AT },
    version: 1,
    createdAt: AT,
    updatedAt: AT,
    ...over,
  };
}

const target = (s: Server) => ({
  platform: 'aws' as const,
  credentialsId: CRED_ID,
  region: s.region,
  zone: s.zone,
  instanceId: s.instanceId!,
});

/** A world of fakes sharing one journal, so writes and cloud calls are seen in one order. */
function world(servers: Server[] = []) {
  const journal: string[] = [];
  const records = new InMemoryRecords(servers, [farm], journal);
  const driver = new FakeCloudDriver(journal);
  const publisher = new CollectingPublisher();
  const { ports } = fakeApplierPorts(records, driver, publisher, AT);
  const apply = (
    actions: FarmAction[],
    over: { servers?: Server[]; capacityHolds?: Record<string, { until: string; backoffMs: number }> } = {},
  ) =>
    applyPlan(
      ports,
      {
        farm,
        servers: over.servers ?? [...records.servers.values()],
        roles: new Map([[ROLE_ID, role]]),
        policies: [],
        capacityHolds: over.capacityHolds,
      },
      actions,
    );
  return { journal, records, driver, publisher, apply };
}

describe('applyPlan', () => {
  it('launches in plan order, each record written before its launch call', async () => {
    const w = world();
    const result = await w.apply([launch(1), launch(2, 'us-east-1b')]);

    expect(w.journal).toEqual([
      `create ${srv(1)}`,
      `launch ${srv(1)} us-east-1a/t3.small`,
      `update ${srv(1)} v2 Pending`,
      `create ${srv(2)}`,
      `launch ${srv(2)} us-east-1b/t3.small`,
      `update ${srv(2)} v2 Pending`,
    ]);
    expect(w.publisher.names).toEqual([
      'BeforeInstanceLaunch',
      'ScaleOut',
      'BeforeInstanceLaunch',
      'ScaleOut',
    ]);
    expect(result.results).toEqual([{ as: 'done' }, { as: 'done' }]);
    expect(result.stopped).toBeNull();
  });

  it('after a capacity refusal launches where the domain says next, as a new server replacing the refused one', async () => {
    const w = world();
    w.driver.noCapacity.add('us-east-1a/t3.small');
    const result = await w.apply([launch(1)]);

    const next = nextPlacement(farmRole, [{ zone: 'us-east-1a', instanceType: 't3.small' }]);
    expect(next).toEqual({ zone: 'us-east-1b', instanceType: 't3.small' });
    expect(w.driver.calls).toEqual([
      `launch ${srv(1)} us-east-1a/t3.small`,
      `launch ${srv(2)} ${next!.zone}/${next!.instanceType}`,
    ]);
    expect(w.records.servers.get(srv(1))?.status).toBe('Failed');
    expect(w.records.servers.get(srv(2))).toMatchObject({
      status: 'Pending',
      replacesServerId: srv(1),
      zone: 'us-east-1b',
    });
    expect(w.publisher.names).toContain('InstanceLaunchFailed');
    expect(result.capacityHolds).toEqual({});
  });

  it('holds the farm role when no placement is left, and skips its next launch in the same pass', async () => {
    const w = world();
    for (const p of [
      'us-east-1a/t3.small',
      'us-east-1b/t3.small',
      'us-east-1a/t3.medium',
      'us-east-1b/t3.medium',
    ])
      w.driver.noCapacity.add(p);
    const result = await w.apply([launch(1), launch(2)]);

    expect(w.driver.calls).toHaveLength(4);
    expect(result.capacityHolds[FR_ID]).toEqual({ until: '2026-01-01T00:00:30.000Z', backoffMs: 30_000 });
    expect(result.results).toEqual([{ as: 'done' }, { as: 'launch-held' }]);
    expect(result.problems[0]).toBe('web: no capacity for t3.small/t3.medium in us-east-1a, us-east-1b');
  });

  it('holds a terminate for BeforeHostTerminate scripts: the record and event now, the cloud call on release', async () => {
    const running = record(1, 'Running');
    const w = world([running]);
    const held = await w.apply([terminate(running, { hold: { until: null } })]);
    expect(w.journal).toEqual([`update ${running.id} v2 Pending Terminate`]);
    expect(w.publisher.names).toEqual(['BeforeHostTerminate']);
    expect(held.results).toEqual([{ as: 'terminate-held', until: null }]);

    const released = await w.apply([
      terminate(running, {
        expectedVersion: 2,
        from: 'Pending Terminate',
        cause: 'retry',
        recordStatus: null,
      }),
    ]);
    expect(w.journal.slice(1)).toEqual([`terminate ${running.instanceId}`]);
    expect(released.results).toEqual([{ as: 'done' }]);
  });

  it('stops the pass at a write that lost a version race: nothing after it is written or called', async () => {
    const moved = record(1, 'Running', { version: 2 });
    const w = world([moved]);
    const result = await w.apply([
      {
        type: 'recordAddresses',
        serverId: moved.id,
        farmRoleId: FR_ID,
        expectedVersion: 1,
        from: 'Running',
        reason: 'addresses changed',
        privateIp: '10.0.0.9',
        publicIp: null,
      },
      launch(2),
    ]);

    expect(result.stopped).toBe('stale');
    expect(result.results).toEqual([]);
    expect(w.journal).toEqual([]);
    expect(w.publisher.batches).toEqual([]);
  });

  it('retries a launch under the same server id: the cloud returns the instance it already made', async () => {
    const pending = record(1, 'Pending Launch');
    const w = world([pending]);
    const first = await w.driver.launch({ ...pendingSpec(pending) });
    w.driver.calls.length = 0;
    w.journal.length = 0;

    await w.apply([retry(pending, 1)]);
    expect(w.driver.calls).toEqual([`launch ${pending.id} us-east-1a/t3.small`]);
    expect(w.driver.launched.size).toBe(1);
    expect(w.records.servers.get(pending.id)).toMatchObject({
      status: 'Pending',
      instanceId: first.instanceId,
    });
  });

  it('keeps a launch the cloud could not take now for the next pass, and launches it once then', async () => {
    const pending = record(1, 'Pending Launch');
    const w = world([pending]);
    w.driver.failNext.push('Transient');
    const failed = await w.apply([retry(pending, 1)]);
    expect(failed.problems).toEqual([
      expect.stringMatching(/^retryLaunch failed: the cloud could not be reached/),
    ]);
    expect(w.records.servers.get(pending.id)).toMatchObject({ status: 'Pending Launch', version: 2 });

    await w.apply([retry(pending, 2)]);
    expect(w.driver.launched.size).toBe(1);
    expect(w.records.servers.get(pending.id)?.status).toBe('Pending');
  });

  it('after a throttle makes no more cloud calls in the pass, but still writes what needs no cloud', async () => {
    const a = record(1, 'Running');
    const b = record(2, 'Running');
    const w = world([a, b]);
    w.driver.failNext.push('Throttled');
    const result = await w.apply([
      {
        type: 'stop',
        serverId: a.id,
        farmRoleId: FR_ID,
        expectedVersion: 1,
        from: 'Running',
        reason: 'suspend',
        recordStatus: 'Suspended',
        target: target(a),
      },
      {
        type: 'stop',
        serverId: b.id,
        farmRoleId: FR_ID,
        expectedVersion: 1,
        from: 'Running',
        reason: 'suspend',
        recordStatus: 'Suspended',
        target: target(b),
      },
      {
        type: 'recordAddresses',
        serverId: b.id,
        farmRoleId: FR_ID,
        expectedVersion: 1,
        from: 'Running',
        reason: 'addresses',
        privateIp: '10.0.0.2',
        publicIp: null,
      },
    ]);

    expect(result.stopped).toBe('throttled');
    expect(w.driver.calls).toEqual([`stop ${a.instanceId}`]);
    expect(w.records.servers.get(b.id)).toMatchObject({ status: 'Running', privateIp: '10.0.0.2' });
  });
});

function terminate(server: Server, over: Partial<Terminate>): Terminate {
  return {
    type: 'terminate',
    serverId: server.id,
    farmRoleId: FR_ID,
    expectedVersion: 1,
    from: 'Running',
    reason: 'scale in',
    cause: 'scale-in',
    recordStatus: 'Pending Terminate',
    target: target(server),
    ...over,
  };
}

function retry(server: Server, expectedVersion: number): FarmAction {
  return {
    type: 'retryLaunch',
    serverId: server.id,
    farmRoleId: FR_ID,
    expectedVersion,
    from: 'Pending Launch',
    reason: 'launch again',
    zone: server.zone,
    instanceType: server.instanceType,
  };
}

function pendingSpec(server: Server) {
  return {
    serverId: server.id,
    name: 'shop-web-1',
    region: server.region,
    zone: server.zone,
    imageId: server.imageId,
    instanceType: server.instanceType,
    volumes: [],
    tags: {},
    userData: '',
  };
}
