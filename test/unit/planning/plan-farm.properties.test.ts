// Invariants of planFarm over random farms, checked by applying plans in a simulated world.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLAN_OPTIONS,
  desiredCount,
  type FarmPlan,
  farmPhase,
  instanceEnded,
  LIVE_STATUSES,
  type PlanFarm,
  type PlanServer,
  planFarm,
  scaleInRank,
} from '../../../functions/domain/planning';
import { farm, farmRole, iso, MIN, SEC, T0 } from './farm-fixtures';
import { buildWorld, worldSpecArb } from './random-farms';
import { applyAction, listed, tick, type World } from './simulated-cloud';

// PLANNER_PROPERTY_RUNS=5000 npx vitest run test/unit/planning for a deeper search than CI's.
const deeper = Number(process.env.PLANNER_PROPERTY_RUNS);
if (deeper > 0) fc.configureGlobal({ numRuns: deeper });

const planWorld = (w: World, extra: Partial<Parameters<typeof planFarm>[0]> = {}): FarmPlan =>
  planFarm({ farm: w.farm, servers: w.servers, observed: listed(w), now: new Date(w.now), ...extra });

const liveIn = (servers: readonly PlanServer[], farmRoleId: string) =>
  servers.filter((s) => s.farmRoleId === farmRoleId && LIVE_STATUSES.has(s.status)).length;

/** Applies a plan action by action, checking after each that no farm role went above max (or above where it already was). */
function applyCheckingMax(world: World, plan: FarmPlan, lagMs = 0): World {
  const w = structuredClone(world);
  const ceiling = new Map(
    w.farm.farmRoles.map((r) => [r.id, Math.max(r.maxInstances, liveIn(w.servers, r.id))]),
  );
  for (const action of plan.actions) {
    applyAction(w, action, lagMs);
    for (const role of w.farm.farmRoles) {
      const live = liveIn(w.servers, role.id);
      if (live > ceiling.get(role.id)!) {
        throw new Error(`${role.alias}: ${live} live servers after ${action.type}, max ${role.maxInstances}`);
      }
    }
  }
  return w;
}

const desiredOf = (f: PlanFarm, farmRoleId: string) =>
  desiredCount(f.farmRoles.find((r) => r.id === farmRoleId)!, farmPhase(f.status));

/** The world a farm should settle in, given the status it started from. */
function expectSettled(w: World, startedAs: PlanFarm['status']): void {
  const remaining = w.servers.filter((s) => s.status !== 'Terminated');
  const running = listed(w).filter((i) => !instanceEnded(i.state) && i.farmId === w.farm.id);
  const phase = farmPhase(startedAs);
  if (phase === 'serving') {
    expect(w.farm.status).toBe('Running');
    for (const role of w.farm.farmRoles) {
      expect(remaining.filter((s) => s.farmRoleId === role.id).map((s) => s.status)).toEqual(
        Array(desiredOf(w.farm, role.id)).fill('Running'),
      );
    }
    expect(remaining.every((s) => w.farm.farmRoles.some((r) => r.id === s.farmRoleId))).toBe(true);
    expect(running.map((i) => i.serverId).sort()).toEqual(remaining.map((s) => s.id).sort());
  } else if (phase === 'terminating') {
    expect(w.farm.status).toBe('Terminated');
    expect(remaining).toEqual([]);
    expect(running).toEqual([]);
  } else {
    expect(w.farm.status).toBe('Suspended');
    expect(remaining.map((s) => s.status)).toEqual(remaining.map(() => 'Suspended'));
    expect(running.map((i) => i.state)).toEqual(running.map(() => 'stopped'));
  }
}

const STEP = MIN;
const MAX_STEPS = 40;

/**
 * Plans, checks, applies and lets a minute pass, until a plan is empty, nothing waits on time,
 * and a further minute of the world (instances booting or stopping, the agent's HostUp) still
 * leaves nothing to plan: an empty plan alone may just be waiting on the cloud.
 */
function runToFixpoint(world: World, lagMs: number): { world: World; steps: number } {
  let w = world;
  let quiet = 0;
  for (let step = 0; step < MAX_STEPS; step++) {
    const plan = planWorld(w);
    quiet = plan.actions.length === 0 && plan.recheckAt === null ? quiet + 1 : 0;
    if (quiet === 2) return { world: w, steps: step };
    w = tick(applyCheckingMax(w, plan, lagMs), STEP);
  }
  throw new Error(`no fixpoint after ${MAX_STEPS} steps: ${JSON.stringify(planWorld(w).summary)}`);
}

// Each case plans many times; a deeper search needs more than vitest's default 5 s per test.
describe('planFarm invariants', { timeout: 600_000 }, () => {
  it('never leaves a farm role with more live servers than maxInstances, at any point of a plan', () => {
    fc.assert(
      fc.property(
        worldSpecArb,
        fc.dictionary(fc.constantFrom('1', '2', '3', '4'), fc.nat({ max: 12 })),
        fc.boolean(),
        (spec, requested, partialListing) => {
          const w = buildWorld(spec);
          const desiredCounts = Object.fromEntries(
            Object.entries(requested).map(([n, count]) => [farmRole(Number(n)).id, count]),
          );
          const observedLocations = partialListing
            ? [{ platform: 'aws' as const, region: 'us-east-1' }]
            : undefined;
          applyCheckingMax(w, planWorld(w, { desiredCounts, observedLocations }));
        },
      ),
    );
  });

  it('never launches for a farm role that has its desired servers, and launches exactly up to it', () => {
    fc.assert(
      fc.property(worldSpecArb, (spec) => {
        const w = buildWorld(spec);
        const plan = planWorld(w);
        const after = applyCheckingMax(w, plan);
        for (const role of w.farm.farmRoles) {
          if (!plan.actions.some((a) => a.type === 'launch' && a.farmRoleId === role.id)) continue;
          const held = after.servers.filter(
            (s) => s.farmRoleId === role.id && (LIVE_STATUSES.has(s.status) || s.status === 'Suspended'),
          );
          expect(held).toHaveLength(desiredOf(w.farm, role.id));
        }
      }),
    );
  });

  it('never terminates an orphan younger than the grace period, nor any instance not of this farm', () => {
    fc.assert(
      fc.property(worldSpecArb, fc.integer({ min: 0, max: 30 * MIN }), (spec, later) => {
        const w = { ...buildWorld(spec), now: T0 + later };
        const plan = planWorld(w);
        for (const a of plan.actions) {
          if (a.type === 'terminateOrphan') {
            expect(Date.parse(a.launchedAt) + DEFAULT_PLAN_OPTIONS.orphanGraceMs).toBeLessThanOrEqual(w.now);
          }
        }
        const after = applyCheckingMax(w, plan);
        const ours = new Set([
          ...w.instances.filter((i) => i.farmId === w.farm.id).map((i) => i.instanceId),
          ...w.servers.flatMap((s) => (s.instanceId ? [s.instanceId] : [])),
        ]);
        for (const c of after.calls) if (c.kind !== 'launch') expect(ours).toContain(c.instanceId);
      }),
    );
  });

  it('plans the same from the same inputs', () => {
    fc.assert(
      fc.property(worldSpecArb, (spec) => {
        const w = buildWorld(spec);
        expect(planWorld(w)).toEqual(planWorld(structuredClone(w)));
      }),
    );
  });

  it('converges in a perfect cloud to exactly the desired servers Running, then plans nothing', () => {
    fc.assert(
      fc.property(worldSpecArb, fc.constantFrom(0, 30 * SEC), (spec, lagMs) => {
        const { world } = runToFixpoint(buildWorld(spec), lagMs);
        expectSettled(world, spec.status);
        // Idempotent at the fixpoint, even much later: nothing waits on time any more.
        const dayLater = planWorld({ ...world, now: world.now + 24 * 60 * MIN });
        expect(dayLater.actions).toEqual([]);
        if (farmPhase(spec.status) === 'serving') expect(dayLater.summary.convergence).toBe('converged');
      }),
      deeper > 0 ? {} : { numRuns: 200 },
    );
  });

  it('takes a farm being terminated to zero live servers and no instance', () => {
    fc.assert(
      fc.property(worldSpecArb, (spec) => {
        const { world } = runToFixpoint(buildWorld({ ...spec, status: 'Terminating' }), 0);
        expect(world.farm.status).toBe('Terminated');
        expect(world.servers.filter((s) => s.status !== 'Terminated')).toEqual([]);
        expect(world.instances.filter((i) => i.farmId === world.farm.id && !instanceEnded(i.state))).toEqual(
          [],
        );
      }),
    );
  });

  it('scales in by scaleInOrder, servers not yet Running first', () => {
    const membersArb = fc.array(
      fc.record({
        ageSec: fc.integer({ min: 60, max: 3600 }),
        status: fc.constantFrom(
          'Running' as const,
          'Running' as const,
          'Initializing' as const,
          'Pending' as const,
        ),
      }),
      { minLength: 1, maxLength: 10 },
    );
    fc.assert(
      fc.property(
        membersArb,
        fc.nat({ max: 10 }),
        fc.constantFrom('newest-first' as const, 'oldest-first' as const),
        (members, min, order) => {
          const role = farmRole(1, {
            minInstances: min,
            maxInstances: 10,
            scaleInOrder: order,
            initTimeoutSec: 7200,
            launchTimeoutSec: 7200,
          });
          const w = buildWorld({ status: 'Running', roles: [], removeLast: false, servers: [], strays: [] });
          w.farm = farm('Running', [role]);
          w.servers = members.map((m, i) => ({
            ...serverFor(role, i + 1, m.status, -m.ageSec * SEC),
          }));
          w.instances = w.servers.map((s) => instanceFor(s, s.status === 'Pending' ? 'pending' : 'running'));
          const gone = new Set(
            planWorld(w)
              .actions.filter((a) => a.type === 'terminate' && a.cause === 'scale-in')
              .map((a) => (a as { serverId: string }).serverId),
          );
          expect(gone.size).toBe(Math.max(0, members.length - min));
          const rank = scaleInRank(order);
          const goneServers = w.servers.filter((s) => gone.has(s.id));
          const kept = w.servers.filter((s) => !gone.has(s.id));
          // Every terminated server ranks before every kept one.
          for (const g of goneServers) for (const k of kept) expect(rank(g, k)).toBeLessThan(0);
          if (goneServers.some((s) => s.status === 'Running')) {
            expect(kept.every((s) => s.status === 'Running')).toBe(true);
          }
          const keptRunning = kept.filter((s) => s.status === 'Running').map((s) => Date.parse(s.createdAt));
          for (const g of goneServers.filter((s) => s.status === 'Running')) {
            const age = Date.parse(g.createdAt);
            for (const k of keptRunning) expect(order === 'newest-first' ? age >= k : age <= k).toBe(true);
          }
        },
      ),
    );
  });
});

function serverFor(
  role: ReturnType<typeof farmRole>,
  n: number,
  status: PlanServer['status'],
  created: number,
): PlanServer {
  return {
    id: `srv-${String(n).padStart(26, '0')}`,
    farmId: 'farm-00000000000000000000000001',
    farmRoleId: role.id,
    farmRoleAlias: role.alias,
    index: n,
    platform: role.platform,
    credentialsId: role.credentialsId,
    region: role.region,
    zone: role.zones[0]!,
    instanceType: role.instanceType,
    status,
    statusReason: '',
    instanceId: `i-${String(n).padStart(17, '0')}`,
    privateIp: null,
    publicIp: null,
    replacesServerId: null,
    timestamps: { 'Pending Launch': iso(created), [status]: iso(created) },
    version: 1,
    createdAt: iso(created),
    updatedAt: iso(created),
  };
}

function instanceFor(s: PlanServer, state: 'pending' | 'running') {
  return {
    instanceId: s.instanceId!,
    platform: s.platform,
    region: s.region,
    zone: s.zone,
    state,
    instanceType: s.instanceType,
    imageId: 'ami-00000000000000001',
    privateIp: null,
    publicIp: null,
    launchedAt: s.createdAt,
    farmId: s.farmId,
    farmRoleId: s.farmRoleId,
    serverId: s.id,
    tags: {},
  };
}
