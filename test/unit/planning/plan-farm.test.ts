import { describe, expect, it } from 'vitest';
import type { InstanceState } from '../../../functions/domain/clouds/observed-instance';
import {
  type FarmAction,
  type FarmPlan,
  type PlanFarmRole,
  type PlanInput,
  planFarm,
} from '../../../functions/domain/planning';
import type { FarmStatus } from '../../../functions/domain/schemas/farm';
import type { Server, ServerStatus } from '../../../functions/domain/schemas/server';
import { farm, farmRole, instanceOf, iso, MIN, SEC, server, stray, T0 } from './farm-fixtures';

const NOW = new Date(T0);

function plan(input: Omit<PlanInput, 'now' | 'observed'> & { observed?: PlanInput['observed'] }): FarmPlan {
  return planFarm({ now: NOW, observed: [], ...input });
}

const types = (p: FarmPlan) => p.actions.map((a) => a.type);
const ofType = <T extends FarmAction['type']>(p: FarmPlan, type: T) =>
  p.actions.filter((a): a is Extract<FarmAction, { type: T }> => a.type === type);

/** A Running farm role at its desired count: `n` Running servers with running instances. */
function runningServers(role: PlanFarmRole, n: number, first = 1): Server[] {
  return Array.from({ length: n }, (_, i) =>
    server(first + i, role, 'Running', {
      created: -60 * MIN + i * MIN,
      zone: role.zones[i % role.zones.length]!,
    }),
  );
}

describe('planFarm', () => {
  describe('one server against its instance', () => {
    // One farm role (min 1, max 2) with one server; the table says what the plan does about it.
    it.each<{
      rule: string;
      status: ServerStatus;
      instance: InstanceState | 'absent';
      since: number;
      farmStatus?: FarmStatus;
      expected: FarmAction['type'][];
      first?: Record<string, unknown>;
    }>([
      {
        rule: 'records the instance of a Pending Launch server',
        status: 'Pending Launch',
        instance: 'pending',
        since: 20 * SEC,
        expected: ['recordInstance'],
        first: { status: 'Pending' },
      },
      {
        rule: 'records a running instance as Initializing',
        status: 'Pending Launch',
        instance: 'running',
        since: 20 * SEC,
        expected: ['recordInstance'],
        first: { status: 'Initializing' },
      },
      {
        rule: 'launches a Pending Launch server again by its id when no instance is listed, never a second server',
        status: 'Pending Launch',
        instance: 'absent',
        since: MIN,
        expected: ['retryLaunch'],
      },
      {
        rule: 'does not repeat a launch made moments ago',
        status: 'Pending Launch',
        instance: 'absent',
        since: 5 * SEC,
        expected: [],
      },
      {
        rule: 'advances Pending to Initializing when the instance runs',
        status: 'Pending',
        instance: 'running',
        since: 30 * SEC,
        expected: ['advance'],
        first: { to: 'Initializing' },
      },
      {
        rule: 'leaves Initializing to the agent (HostUp makes it Running)',
        status: 'Initializing',
        instance: 'running',
        since: MIN,
        expected: [],
      },
      {
        rule: 'fails a server stuck in Pending Launch past launchTimeoutSec and replaces it',
        status: 'Pending Launch',
        instance: 'absent',
        since: 901 * SEC,
        expected: ['markFailed', 'launch'],
        first: { cause: 'launch-timeout', target: null },
      },
      {
        rule: 'fails a server stuck in Pending past launchTimeoutSec and replaces it',
        status: 'Pending',
        instance: 'pending',
        since: 16 * MIN,
        expected: ['markFailed', 'launch'],
        first: { cause: 'launch-timeout' },
      },
      {
        rule: 'fails a server stuck in Initializing past initTimeoutSec and replaces it',
        status: 'Initializing',
        instance: 'running',
        since: 21 * MIN,
        expected: ['markFailed', 'launch'],
        first: { cause: 'init-timeout' },
      },
      {
        rule: 'fails a server whose instance was stopped outside Drover',
        status: 'Running',
        instance: 'stopped',
        since: 2 * MIN,
        expected: ['markFailed', 'launch'],
        first: { cause: 'instance-stopped' },
      },
      {
        rule: 'marks terminated a server whose instance was terminated, and replaces it',
        status: 'Running',
        instance: 'terminated',
        since: 10 * MIN,
        expected: ['markTerminated', 'launch'],
        first: { cause: 'instance-ended', unexpected: true },
      },
      {
        rule: 'counts shutting-down as ended',
        status: 'Running',
        instance: 'shutting-down',
        since: 10 * MIN,
        expected: ['markTerminated', 'launch'],
      },
      {
        rule: 'replaces a server whose instance vanished',
        status: 'Running',
        instance: 'absent',
        since: 10 * MIN,
        expected: ['markTerminated', 'launch'],
        first: { cause: 'instance-gone' },
      },
      {
        rule: 'waits the vanish grace before believing an instance is gone (lists lag)',
        status: 'Initializing',
        instance: 'absent',
        since: 30 * SEC,
        expected: [],
      },
      {
        rule: 'terminates again a Pending Terminate server whose instance still runs',
        status: 'Pending Terminate',
        instance: 'running',
        since: MIN,
        expected: ['terminate', 'launch'],
        first: { cause: 'retry', recordStatus: null },
      },
      {
        rule: 'does not repeat a terminate call made moments ago',
        status: 'Pending Terminate',
        instance: 'running',
        since: 5 * SEC,
        expected: ['launch'],
      },
      {
        rule: 'marks a Pending Terminate server terminated once its instance ended, as expected',
        status: 'Pending Terminate',
        instance: 'terminated',
        since: MIN,
        expected: ['markTerminated', 'launch'],
        first: { unexpected: false },
      },
      {
        rule: 'marks a Failed server terminated once its instance is gone',
        status: 'Failed',
        instance: 'absent',
        since: 3 * MIN,
        expected: ['markTerminated', 'launch'],
        first: { unexpected: false },
      },
      {
        rule: 'starts a Suspended server of a running farm instead of launching another',
        status: 'Suspended',
        instance: 'stopped',
        since: 3 * MIN,
        expected: ['start'],
      },
      {
        rule: 'waits for a stopping instance before starting it',
        status: 'Suspended',
        instance: 'stopping',
        since: 10 * SEC,
        expected: [],
      },
      {
        rule: 'stops a running server of a suspending farm',
        status: 'Running',
        instance: 'running',
        since: 10 * MIN,
        farmStatus: 'Suspending',
        expected: ['stop'],
        first: { recordStatus: 'Suspended' },
      },
      {
        rule: 'drops a not yet launched server of a suspending farm',
        status: 'Pending Launch',
        instance: 'absent',
        since: 10 * SEC,
        farmStatus: 'Suspending',
        expected: ['terminate'],
        first: { cause: 'farm-suspending' },
      },
      {
        rule: 'cannot stop an instance that is still pending',
        status: 'Pending',
        instance: 'pending',
        since: 10 * SEC,
        farmStatus: 'Suspending',
        expected: [],
      },
      {
        rule: 'records as Suspended a server whose instance is already stopped',
        status: 'Running',
        instance: 'stopped',
        since: 10 * MIN,
        farmStatus: 'Suspending',
        expected: ['advance'],
        first: { to: 'Suspended' },
      },
      {
        rule: 'terminates every server of a terminating farm',
        status: 'Running',
        instance: 'running',
        since: 10 * MIN,
        farmStatus: 'Terminating',
        expected: ['terminate'],
        first: { cause: 'farm-terminating', recordStatus: 'Pending Terminate' },
      },
      {
        rule: 'does not time out servers of a terminating farm, it terminates them',
        status: 'Initializing',
        instance: 'running',
        since: 60 * MIN,
        farmStatus: 'Terminating',
        expected: ['terminate'],
      },
    ])('$rule', ({ status, instance, since, farmStatus = 'Running', expected, first }) => {
      const role = farmRole(1, { minInstances: 1, maxInstances: 2 });
      const s = server(1, role, status, { enteredAt: -since, created: -since });
      const observed = instance === 'absent' ? [] : [instanceOf(s, { state: instance })];
      const p = plan({ farm: farm(farmStatus, [role]), servers: [s], observed });
      expect(types(p)).toEqual(expected);
      if (first) expect(p.actions[0]).toMatchObject(first);
    });

    it('says when a waiting rule will fire, so the caller can look again then', () => {
      const role = farmRole(1, { minInstances: 1 });
      const s = server(1, role, 'Initializing', { enteredAt: -30 * SEC });
      const p = plan({ farm: farm('Running', [role]), servers: [s] });
      expect(p.recheckAt).toBe(iso(90 * SEC)); // vanish grace: 2 min after the last status change
    });

    it('links the replacement to the server it replaces and reuses its index', () => {
      const role = farmRole(1, { minInstances: 3, maxInstances: 3 });
      const servers = runningServers(role, 3);
      const observed = servers.filter((s) => s.index !== 2).map((s) => instanceOf(s));
      const p = plan({ farm: farm('Running', [role]), servers, observed });
      expect(ofType(p, 'launch')).toEqual([
        expect.objectContaining({ index: 2, replacesServerId: servers[1]!.id, cause: 'replacement' }),
      ]);
    });
  });

  describe('a server whose agent reported before any pass recorded its instance', () => {
    it.each<ServerStatus>(['Pending', 'Initializing', 'Running'])(
      'records the instance of a %s server found by its tags, keeping its status',
      (status) => {
        const role = farmRole(1, { minInstances: 1, maxInstances: 2 });
        const s = {
          ...server(1, role, status, { enteredAt: -MIN, created: -2 * MIN }),
          instanceId: null,
          privateIp: null,
        };
        const listed = instanceOf(s, { instanceId: 'i-0aaaaaaaaaaaaaaaa', privateIp: '10.0.0.9' });
        const p = plan({ farm: farm('Running', [role]), servers: [s], observed: [listed] });
        expect(p.actions).toEqual([
          expect.objectContaining({
            type: 'recordInstance',
            serverId: s.id,
            status: null,
            instance: expect.objectContaining({ instanceId: 'i-0aaaaaaaaaaaaaaaa', privateIp: '10.0.0.9' }),
          }),
        ]);
      },
    );
  });

  describe('desired count and maxInstances', () => {
    it.each([
      {
        rule: 'launches minInstances servers for a new farm',
        min: 2,
        max: 4,
        requested: undefined,
        launches: 2,
      },
      { rule: 'follows a desired count from scaling rules', min: 1, max: 4, requested: 3, launches: 3 },
      { rule: 'clamps a desired count above maxInstances', min: 1, max: 4, requested: 9, launches: 4 },
      { rule: 'clamps a desired count below minInstances', min: 2, max: 4, requested: 0, launches: 2 },
      {
        rule: 'launches nothing for a farm role with max 0',
        min: 0,
        max: 0,
        requested: undefined,
        launches: 0,
      },
    ])('$rule', ({ min, max, requested, launches }) => {
      const role = farmRole(1, { minInstances: min, maxInstances: max });
      const desiredCounts = requested === undefined ? undefined : { [role.id]: requested };
      const p = plan({ farm: farm('Launching', [role]), servers: [], desiredCounts });
      expect(ofType(p, 'launch')).toHaveLength(launches);
    });

    it('launches nothing when the farm role already has its desired live servers', () => {
      const role = farmRole(1, { minInstances: 2 });
      const servers = [
        server(1, role, 'Running'),
        server(2, role, 'Pending Launch', { enteredAt: -5 * SEC }),
      ];
      const p = plan({ farm: farm('Running', [role]), servers, observed: [instanceOf(servers[0]!)] });
      expect(ofType(p, 'launch')).toEqual([]);
    });

    it.each([
      { after: 5 * SEC, ended: false, why: 'within the short grace: a list may still lag' },
      {
        after: 11 * SEC,
        ended: true,
        why: 'past it: the instance Drover asked to end is gone (GCE drops deleted instances at once)',
      },
    ])(
      'ends a Pending Terminate server whose recorded instance is no longer listed $after ms on: $why',
      ({ after, ended }) => {
        const role = farmRole(1, { minInstances: 1, maxInstances: 2 });
        const servers = [
          server(1, role, 'Running'),
          server(2, role, 'Pending Terminate', { enteredAt: -after }),
        ];
        const p = plan({ farm: farm('Running', [role]), servers, observed: [instanceOf(servers[0]!)] });
        expect(ofType(p, 'markTerminated').map((a) => a.serverId)).toEqual(ended ? [servers[1]!.id] : []);
      },
    );

    it.each([
      {
        platform: 'gce' as const,
        region: 'us-central1',
        zones: ['us-central1-a'],
        replaced: true,
        why: 'GCE lists are consistent: absent is gone',
      },
      {
        platform: 'aws' as const,
        region: 'us-east-1',
        zones: ['us-east-1a'],
        replaced: false,
        why: 'EC2 lists lag: wait the full grace',
      },
    ])(
      'a Running $platform server whose instance has been absent for 20 s: replaced = $replaced ($why)',
      ({ platform, region, zones, replaced }) => {
        const role = farmRole(1, { platform, region, zones, minInstances: 1, maxInstances: 1 });
        const servers = [
          server(1, role, 'Running', { enteredAt: -20 * SEC, platform, region, zone: zones[0] }),
        ];
        const p = plan({ farm: farm('Running', [role]), servers, observed: [] });
        expect(ofType(p, 'markTerminated').length).toBe(replaced ? 1 : 0);
      },
    );

    it('launches a replacement alongside a server being terminated: Pending Terminate holds no slot', () => {
      const role = farmRole(1, { minInstances: 2, maxInstances: 2 });
      const servers = [
        server(1, role, 'Running'),
        server(2, role, 'Pending Terminate', { enteredAt: -5 * SEC }),
      ];
      const p = plan({ farm: farm('Running', [role]), servers, observed: servers.map((s) => instanceOf(s)) });
      expect(ofType(p, 'launch')).toEqual([expect.objectContaining({ index: 2 })]);
    });

    it('replaces a timed-out server at max only after marking it failed, in the same plan', () => {
      const role = farmRole(1, { minInstances: 2, maxInstances: 2 });
      const servers = [server(1, role, 'Running'), server(2, role, 'Initializing', { enteredAt: -30 * MIN })];
      const p = plan({ farm: farm('Running', [role]), servers, observed: servers.map((s) => instanceOf(s)) });
      expect(types(p)).toEqual(['markFailed', 'launch']);
      expect(ofType(p, 'launch')[0]).toMatchObject({ replacesServerId: servers[1]!.id, index: 2 });
    });
  });

  describe('scale-in', () => {
    const created = (s: Server) => s.createdAt;
    it.each([
      {
        rule: 'terminates the newest servers first by default',
        order: 'newest-first' as const,
        gone: [5, 4],
      },
      {
        rule: 'terminates the oldest servers first with oldest-first',
        order: 'oldest-first' as const,
        gone: [1, 2],
      },
    ])('$rule', ({ order, gone }) => {
      const role = farmRole(1, { minInstances: 3, maxInstances: 5, scaleInOrder: order });
      const servers = runningServers(role, 5);
      const p = plan({ farm: farm('Running', [role]), servers, observed: servers.map((s) => instanceOf(s)) });
      expect(ofType(p, 'terminate').map((a) => a.serverId)).toEqual(gone.map((n) => servers[n - 1]!.id));
      expect(ofType(p, 'terminate').every((a) => a.cause === 'scale-in')).toBe(true);
      expect(servers.map(created)).toEqual([...servers.map(created)].sort()); // fixture sanity: index order is age order
    });

    it('prefers servers that are not Running yet, whatever the order', () => {
      const role = farmRole(1, { minInstances: 2, maxInstances: 4, scaleInOrder: 'oldest-first' });
      const servers = [
        ...runningServers(role, 2),
        server(3, role, 'Initializing', { created: -MIN, enteredAt: -MIN }),
      ];
      const p = plan({ farm: farm('Running', [role]), servers, observed: servers.map((s) => instanceOf(s)) });
      expect(ofType(p, 'terminate').map((a) => a.serverId)).toEqual([servers[2]!.id]);
    });

    it('terminates the servers of a farm role removed from the spec', () => {
      const kept = farmRole(1, { minInstances: 1 });
      const removed = farmRole(2);
      const servers = [server(1, kept, 'Running'), server(2, removed, 'Running')];
      const p = plan({ farm: farm('Running', [kept]), servers, observed: servers.map((s) => instanceOf(s)) });
      expect(ofType(p, 'terminate')).toEqual([
        expect.objectContaining({
          serverId: servers[1]!.id,
          cause: 'role-removed',
          recordStatus: 'Pending Terminate',
        }),
      ]);
    });
  });

  describe('placement', () => {
    it.each([
      {
        rule: 'spreads a new farm role over its zones in order',
        zones: ['a', 'b', 'c'],
        existing: [],
        expected: ['a', 'b', 'c', 'a'],
      },
      {
        rule: 'fills the zone with the fewest live servers first',
        zones: ['a', 'b', 'c'],
        existing: ['a', 'a', 'b'],
        expected: ['c'],
      },
      {
        rule: 'breaks ties by the farm role zone order',
        zones: ['c', 'b', 'a'],
        existing: ['c'],
        expected: ['b', 'a'],
      },
    ])('$rule', ({ zones, existing, expected }) => {
      const role = farmRole(1, {
        zones: zones.map((z) => `us-east-1${z}`),
        minInstances: existing.length + expected.length,
        maxInstances: 10,
      });
      const servers = existing.map((z, i) => server(i + 1, role, 'Running', { zone: `us-east-1${z}` }));
      const p = plan({ farm: farm('Running', [role]), servers, observed: servers.map((s) => instanceOf(s)) });
      expect(ofType(p, 'launch').map((a) => a.zone)).toEqual(expected.map((z) => `us-east-1${z}`));
    });

    it('gives new servers the lowest free indexes', () => {
      const role = farmRole(1, { minInstances: 4, maxInstances: 4 });
      const servers = [server(2, role, 'Running'), server(4, role, 'Running')];
      const p = plan({ farm: farm('Running', [role]), servers, observed: servers.map((s) => instanceOf(s)) });
      expect(ofType(p, 'launch').map((a) => a.index)).toEqual([1, 3]);
    });
  });

  describe('launch order', () => {
    const first = farmRole(1, { minInstances: 1, launchOrder: 0 });
    const second = farmRole(2, { minInstances: 1, launchOrder: 1 });

    it.each([
      {
        rule: 'launches only the lowest launch order first',
        status: 'Launching' as const,
        firstStatus: null,
        launches: [first.id],
      },
      {
        rule: 'holds a later farm role while an earlier one is still initializing',
        status: 'Launching' as const,
        firstStatus: 'Initializing' as const,
        launches: [],
      },
      {
        rule: 'launches the next farm role once the earlier one is Running',
        status: 'Launching' as const,
        firstStatus: 'Running' as const,
        launches: [second.id],
      },
      {
        rule: 'heals every farm role at once after the farm is Running',
        status: 'Running' as const,
        firstStatus: null,
        launches: [first.id, second.id],
      },
    ])('$rule', ({ status, firstStatus, launches }) => {
      const servers = firstStatus ? [server(1, first, firstStatus, { enteredAt: -MIN })] : [];
      const p = plan({
        farm: farm(status, [first, second]),
        servers,
        observed: servers.map((s) => instanceOf(s)),
      });
      expect(ofType(p, 'launch').map((a) => a.farmRoleId)).toEqual(launches);
      if (status === 'Launching' && launches.length === 0) {
        expect(p.summary.reasons).toContain(
          'role-2: waits for the farm roles with a lower launch order to be running',
        );
      }
    });
  });

  describe('orphans', () => {
    const role = farmRole(1, { minInstances: 1 });
    const owner = server(1, role, 'Running');
    const base = [instanceOf(owner)];

    it.each([
      {
        rule: 'leaves alone an untracked instance younger than the grace period',
        orphan: stray(1, role, -4 * MIN),
        terminated: false,
      },
      {
        rule: 'terminates an untracked instance older than the grace period',
        orphan: stray(1, role, -6 * MIN),
        terminated: true,
      },
      {
        rule: 'terminates a second instance launched for a tracked server',
        orphan: stray(1, role, -6 * MIN, { serverId: owner.id }),
        terminated: true,
      },
      {
        rule: 'never touches an instance of another farm',
        orphan: stray(1, role, -60 * MIN, { farmId: 'farm-00000000000000000000000009' }),
        terminated: false,
      },
      {
        rule: 'never touches an instance without Drover tags',
        orphan: stray(1, role, -60 * MIN, { farmId: undefined }),
        terminated: false,
      },
      {
        rule: 'ignores instances that already ended',
        orphan: stray(1, role, -60 * MIN, { state: 'terminated' }),
        terminated: false,
      },
    ])('$rule', ({ orphan, terminated }) => {
      const p = plan({ farm: farm('Running', [role]), servers: [owner], observed: [...base, orphan] });
      expect(ofType(p, 'terminateOrphan').map((a) => a.target.instanceId)).toEqual(
        terminated ? [orphan.instanceId] : [],
      );
    });

    it('terminates a late instance whose server record is already Terminated', () => {
      const gone = server(2, role, 'Terminated', { instanceId: null });
      const late = instanceOf(gone, { instanceId: 'i-00000000000000late', launchedAt: iso(-10 * MIN) });
      const p = plan({ farm: farm('Running', [role]), servers: [owner, gone], observed: [...base, late] });
      expect(ofType(p, 'terminateOrphan')).toEqual([
        expect.objectContaining({
          taggedServerId: gone.id,
          target: expect.objectContaining({ credentialsId: role.credentialsId }),
        }),
      ]);
    });
  });

  describe('farm status', () => {
    const role = farmRole(1, { minInstances: 1, maxInstances: 1 });

    it.each<{
      rule: string;
      from: FarmStatus;
      status: ServerStatus | null;
      instance: InstanceState | null;
      to: FarmStatus | null;
    }>([
      {
        rule: 'Launching becomes Running when every farm role has its servers Running',
        from: 'Launching',
        status: 'Running',
        instance: 'running',
        to: 'Running',
      },
      {
        rule: 'Launching stays while a server initializes',
        from: 'Launching',
        status: 'Initializing',
        instance: 'running',
        to: null,
      },
      {
        rule: 'Terminating becomes Terminated when no server remains',
        from: 'Terminating',
        status: 'Terminated',
        instance: 'terminated',
        to: 'Terminated',
      },
      {
        rule: 'Terminating stays while an instance shuts down',
        from: 'Terminating',
        status: 'Pending Terminate',
        instance: 'running',
        to: null,
      },
      {
        rule: 'Suspending becomes Suspended when every instance is stopped',
        from: 'Suspending',
        status: 'Suspended',
        instance: 'stopped',
        to: 'Suspended',
      },
      {
        rule: 'Suspending stays while an instance is stopping',
        from: 'Suspending',
        status: 'Suspended',
        instance: 'stopping',
        to: null,
      },
      {
        rule: 'Resuming stays while servers are started',
        from: 'Resuming',
        status: 'Suspended',
        instance: 'stopped',
        to: null,
      },
      {
        rule: 'Resuming becomes Running when the servers are Running again',
        from: 'Resuming',
        status: 'Running',
        instance: 'running',
        to: 'Running',
      },
    ])('$rule', ({ from, status, instance, to }) => {
      const servers = status ? [server(1, role, status, { enteredAt: -10 * SEC })] : [];
      const observed = instance ? servers.map((s) => instanceOf(s, { state: instance })) : [];
      const p = plan({ farm: farm(from, [role]), servers, observed });
      const change = ofType(p, 'farmStatus');
      expect(change.map((a) => a.to)).toEqual(to ? [to] : []);
      if (to) expect(p.actions.at(-1)?.type).toBe('farmStatus');
    });

    it('Terminating waits for orphans to be gone before the farm is Terminated', () => {
      const p = plan({ farm: farm('Terminating', [role]), servers: [], observed: [stray(1, role, -MIN)] });
      expect(types(p)).toEqual([]);
      expect(p.recheckAt).toBe(iso(4 * MIN));
    });
  });

  describe('absent observations', () => {
    it('decides nothing about servers in a location that could not be listed, and says so', () => {
      const role = farmRole(1, { minInstances: 2 });
      const servers = [
        server(1, role, 'Running'),
        server(2, role, 'Pending Launch', { enteredAt: -20 * MIN }),
      ];
      const p = plan({
        farm: farm('Running', [role]),
        servers,
        observedLocations: [{ platform: 'gce', region: 'europe-west1' }],
      });
      expect(types(p)).toEqual([]);
      expect(p.summary.convergence).toBe('degraded');
      expect(p.summary.reasons[0]).toBe(
        'aws/us-east-1 could not be listed; its servers are left as recorded',
      );
    });
  });

  describe('convergence summary', () => {
    const role = farmRole(1, { minInstances: 2, maxInstances: 3 });

    it('is converged when every farm role runs exactly its desired servers and nothing is planned', () => {
      const servers = runningServers(role, 2);
      const p = plan({ farm: farm('Running', [role]), servers, observed: servers.map((s) => instanceOf(s)) });
      expect(p).toMatchObject({ actions: [], recheckAt: null });
      expect(p.summary).toEqual({
        convergence: 'converged',
        reasons: [],
        farmRoles: [
          {
            farmRoleId: role.id,
            alias: role.alias,
            desired: 2,
            running: 2,
            launching: 0,
            terminating: 0,
            failed: 0,
          },
        ],
      });
    });

    it('is converging while servers launch, with the counts', () => {
      const servers = [server(1, role, 'Running'), server(2, role, 'Initializing', { enteredAt: -MIN })];
      const p = plan({ farm: farm('Running', [role]), servers, observed: servers.map((s) => instanceOf(s)) });
      expect(p.summary.convergence).toBe('converging');
      expect(p.summary.reasons).toEqual(['role-1: 1 of 2 running, 1 launching']);
    });

    it('is degraded while a server has failed, with the reason', () => {
      const servers = [server(1, role, 'Running'), server(2, role, 'Initializing', { enteredAt: -30 * MIN })];
      const p = plan({ farm: farm('Running', [role]), servers, observed: servers.map((s) => instanceOf(s)) });
      expect(p.summary.convergence).toBe('degraded');
      expect(p.summary.reasons).toContain(
        `role-1: server ${servers[1]!.id} failed: no HostUp from the agent after 1200s`,
      );
    });

    it('counts the servers as the pass leaves them: a vanished server is not reported Running', () => {
      const servers = runningServers(role, 2);
      const p = plan({ farm: farm('Running', [role]), servers, observed: [instanceOf(servers[0]!)] });
      expect(p.summary.farmRoles[0]).toMatchObject({ running: 1, launching: 1 });
      expect(p.summary.reasons).toEqual(['role-1: 1 of 2 running, 1 launching']);
    });

    it('is stopped for a suspended farm', () => {
      const p = plan({ farm: farm('Suspended', [role]), servers: [] });
      expect(p.summary).toMatchObject({ convergence: 'stopped', reasons: ['farm is suspended'] });
    });
  });
});
