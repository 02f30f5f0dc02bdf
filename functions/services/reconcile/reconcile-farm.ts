// reconcileFarm: one observe–diff–act pass over one farm (docs/architecture.md §2). It takes the
// farm's lease, lists what the clouds run for the farm, asks the pure planner what to do,
// applies that, records events and a summary, and says when to look again (the planning
// domain's nextLook). It remembers nothing between passes: whatever a crash leaves half-done,
// the next pass completes.
import { ulid } from 'ulid';
import { type NextLook, type NextLookReason, nextLook, planFarm, sweepEvery } from '../../domain/planning';
import type { Farm } from '../../domain/schemas/farm';
import type { Execution } from '../../domain/schemas/orchestration';
import type { Policy } from '../../domain/schemas/policy';
import type { Role } from '../../domain/schemas/role';
import type { Server } from '../../domain/schemas/server';
import { CloudError } from '../../ports/cloud-driver';
import type { FarmRef } from '../../ports/farm-scheduler';
import type { AgentIdentity } from '../../ports/identity';
import { noOperationsMetrics } from '../../ports/operations-metrics';
import type { ReconcileSummary } from '../../ports/store';
import { recordSystemAudit } from '../audit';
import { cloudFailureFacts, describeFailure } from '../cloud-failure';
import { farmEvent, recordEvents } from '../farm-events';
import { settleStuckExecutions, waitsTooLong } from '../orchestration/stuck-executions';
import { enabledPolicies } from '../policies';
import { earliest, passScaling } from '../scaling/pass-scaling';
import { checkFarmLaunch, holdBlockedLaunches } from '../variables/launch-gate';
import { newServerId } from './apply-launch';
import { type ApplierPorts, applyPlan } from './apply-plan';
import { CloudAccess } from './cloud-access';
import type { ReconcileDeps } from './deps';
import { keepLease, type LeaseOutcome } from './farm-lease';
import { observeClouds } from './observe-clouds';
import { healedSecondsSince, type PassFigures, recordPassMetrics } from './pass-metrics';
import { passSummary } from './pass-summary';
import { leaseWouldAct, mustAct, NeedsLease, summaryWorthSaving } from './quiet-pass';
import { withTerminateHolds } from './terminate-hold-facts';

export type ReconcileResult = 'applied' | 'no-op' | 'busy' | 'gone' | 'failed';

/** Outcomes as data: what happened, and when this farm wants its next pass (null: at its schedule) and why. */
export interface ReconcileOutcome {
  result: ReconcileResult;
  actions: number;
  recheckAfterMs: number | null;
  recheckReason: NextLookReason;
  summary?: ReconcileSummary;
  /** Every how many ticks the sweep should look at the farm after this pass (sweep-cadence.ts); undefined: no opinion (busy). */
  sweepEvery?: number | null;
}

type Figures = Omit<PassFigures, 'result' | 'now'>;

export async function reconcileFarm(deps: ReconcileDeps, ref: FarmRef): Promise<ReconcileOutcome> {
  const started = deps.clock.now();
  const figures: Figures = { actions: [], cloudErrors: {}, healedSeconds: [] };
  const outcome = await leasedPass(deps, ref, started, figures);
  recordPassMetrics(deps.metrics ?? noOperationsMetrics, {
    ...figures,
    result: outcome.result,
    summary: outcome.summary,
    now: started,
  });
  return outcome;
}

function outcomeOf(result: ReconcileResult, actions: number, look: NextLook): ReconcileOutcome {
  return { result, actions, recheckAfterMs: look.recheckAfterMs, recheckReason: look.reason };
}

async function leasedPass(deps: ReconcileDeps, ref: FarmRef, started: Date, figures: Figures) {
  // First a look without the lease: a quiet pass ends there, having written nothing (quiet-pass.ts).
  const look = await guarded(deps, ref, () => pass(deps, ref, started, figures, false));
  if (look) return look;
  const holder = ulid();
  const leaseUntil = new Date(started.getTime() + (deps.leaseMs ?? 60_000));
  if (!(await deps.store.reconciles.acquireLease(ref, holder, started, leaseUntil)))
    return outcomeOf('busy', 0, nextLook({ kind: 'busy' }));
  try {
    return (await guarded(deps, ref, () => pass(deps, ref, started, figures, true)))!;
  } finally {
    await deps.store.reconciles.releaseLease(ref, holder).catch(() => {});
  }
}

/** Runs a pass; a failure is logged and becomes ReconcileFailed. Undefined: a look without the lease found work. */
async function guarded(
  deps: ReconcileDeps,
  ref: FarmRef,
  run: () => Promise<ReconcileOutcome>,
): Promise<ReconcileOutcome | undefined> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof NeedsLease) return undefined;
    deps.logger.error('reconcile failed', { farmId: ref.farmId, error: err as Error });
    const farm = await deps.store.farms.get({ accountId: ref.accountId }, ref.farmId).catch(() => undefined);
    if (farm) {
      await recordEvents(deps, [
        // The error itself is in the log above; the event says what failed in Drover's words.
        farmEvent('ReconcileFailed', farm, deps.clock.now(), {
          message: `the reconcile pass stopped: ${describeFailure(err)}`,
          payload: err instanceof CloudError ? cloudFailureFacts(err) : {},
        }),
      ]).catch(() => {});
    }
    return { ...outcomeOf('failed', 0, nextLook({ kind: 'failed' })), sweepEvery: 1 };
  }
}

async function pass(
  deps: ReconcileDeps,
  ref: FarmRef,
  now: Date,
  figures: Figures,
  /** Without the lease the pass stops (NeedsLease) before its first write. */
  leased: boolean,
): Promise<ReconcileOutcome> {
  const stored = await deps.store.farms.get({ accountId: ref.accountId }, ref.farmId);
  if (!stored) {
    await deps.scheduler.remove(ref);
    return { ...outcomeOf('gone', 0, nextLook({ kind: 'gone' })), sweepEvery: null };
  }
  const previous = await deps.store.reconciles.getSummary(ref);
  // Policies are read at every pass: one changed after the farm was saved applies to its next launch.
  const policies = await enabledPolicies(deps.store, stored);
  if (await leaseWouldAct(stored, policies, previous?.leaseWarnedFor, now)) mustAct(leased, 'farm lease');
  const lease = await keepFarmLease(deps, stored, policies, previous, now);
  const farm = lease.farm;
  const servers = await deps.store.servers.listByFarm({ accountId: ref.accountId, farmId: ref.farmId });
  const access = new CloudAccess(deps, farm.accountId, farm.environmentId, farm.id);
  // The figures object is the pass's own, filled as it goes so a pass that throws still counts its cloud errors.
  figures.cloudErrors = access.errors;
  figures.healedSeconds = healedSecondsSince(servers, previous?.lastReconcileAt);
  await settleStuck(deps, farm, servers, leased);
  const seen = await observeClouds(deps, access, farm, servers, previous);

  // Global Variables may hold a farm role's launches (a required one without a value…): the reason is shown, nothing launched.
  const gate = await checkFarmLaunch(deps.store, farm);
  // Scaling rules move each farm role's desired count between min and max (services/scaling).
  const scaling = await passScaling(deps, farm, servers, now, () => mustAct(leased, 'scaling'));
  const plan = holdBlockedLaunches(
    planFarm({
      farm,
      servers,
      observed: seen.observed,
      observedLocations: seen.observedLocations,
      now,
      options: deps.planOptions,
      desiredCounts: scaling.desiredCounts,
    }),
    gate,
  );
  const actions = await withTerminateHolds(deps.store, farm, servers, plan.actions, now);
  figures.actions = plan.actions;
  if (actions.length > 0) mustAct(leased, 'actions');
  const applied = await applyPlan(
    applierPorts(deps, access, now),
    {
      farm,
      servers,
      roles: actions.length > 0 ? await readRoles(deps, farm) : new Map(),
      policies,
      capacityHolds: previous?.capacityHolds,
      previousRefusals: previous?.policyRefusals,
      farmRoleTags: gate.tagsOf,
      capacityBackoff: deps.capacityBackoff,
    },
    actions,
  );
  const problems = [...seen.problems, ...applied.problems];
  const look = nextLook({
    kind: 'applied',
    now,
    planned: plan.actions.length,
    problems: problems.length,
    stopped: applied.stopped,
    results: applied.results,
    capacityHolds: applied.capacityHolds,
    recheckAt: earliest(plan.recheckAt, scaling.nextEvaluationAt),
  });
  const summary = passSummary({
    plan,
    applied,
    problems,
    cloudCalls: access.calls,
    leaseWarnedFor: lease.warnedFor,
    previous,
    now,
  });
  if (leased || summaryWorthSaving(summary, previous, figures.healedSeconds, now))
    await deps.store.reconciles.saveSummary(ref, summary);
  const outcome = outcomeOf(plan.actions.length ? 'applied' : 'no-op', applied.results.length, look);
  return { ...outcome, summary, sweepEvery: cadenceAfter(deps, farm, look) };
}

/** The sweep's cadence after this pass (domain/planning/sweep-cadence.ts). */
function cadenceAfter(deps: ReconcileDeps, farm: Farm, look: NextLook): number | null {
  const platforms = farm.farmRoles.map((fr) => fr.platform);
  return sweepEvery({ status: farm.status, platforms, reason: look.reason }, deps.quietSweepEvery);
}

function applierPorts(deps: ReconcileDeps, access: CloudAccess, now: Date): ApplierPorts {
  return {
    store: deps.store,
    scheduler: deps.scheduler,
    clouds: access,
    // The farm's event log first (so the timeline is complete even if the bus is down), then the bus.
    publisher: { publish: (events) => recordEvents(deps, events) },
    // One pass, one moment: records, holds and events carry the time the plan was made for.
    clock: { now: () => now },
    agent: {
      tokens: deps.agentTokens,
      apiUrl: deps.agentApiUrl,
      channelUrl: deps.agentChannelUrl,
      download: deps.agentDownload,
    },
    newServerId,
    logger: deps.logger,
  };
}

/** Keeps the farm's lease; an expiry is the platform's own write, in the audit log beside people's (who: system). */
async function keepFarmLease(
  deps: ReconcileDeps,
  stored: Farm,
  policies: Policy[],
  previous: ReconcileSummary | undefined,
  now: Date,
): Promise<LeaseOutcome> {
  const lease = await keepLease(deps.store, stored, policies, previous?.leaseWarnedFor, now);
  await recordEvents(deps, lease.events);
  if (lease.events.some((e) => e.name === 'LeaseExpired'))
    await recordSystemAudit(deps, {
      accountId: stored.accountId,
      environmentId: stored.environmentId,
      action: 'farmLeaseExpired',
      resource: { type: 'farm', id: stored.id, name: stored.name },
      before: { status: stored.status, leaseExpiresAt: stored.leaseExpiresAt },
      after: { status: lease.farm.status, leaseExpiresAt: lease.farm.leaseExpiresAt },
    });
  return lease;
}

/** Scripts whose agent stopped reporting are settled here, where every live farm passes each minute. */
async function settleStuck(
  deps: ReconcileDeps,
  farm: Farm,
  servers: Server[],
  leased: boolean,
): Promise<void> {
  const waiting = new Map<string, AgentIdentity>();
  const now = deps.clock.now();
  const onOpen = (open: Execution, s: Server) => {
    if (waitsTooLong(open, now))
      waiting.set(s.id, { accountId: s.accountId, farmId: s.farmId, serverId: s.id });
  };
  try {
    await settleOrFind(deps, farm, servers, leased, onOpen);
  } finally {
    // An agent connected to its channel does not poll: a nudge lost on the way is sent again.
    if (waiting.size > 0 && deps.notifier)
      await deps.notifier.notify([...waiting.values()]).catch((err) => {
        deps.logger.warn('could not nudge agents again', { farmId: farm.id, error: err as Error });
      });
  }
}

async function settleOrFind(
  deps: ReconcileDeps,
  farm: Farm,
  servers: Server[],
  leased: boolean,
  onOpen: (open: Execution, server: Server) => void,
): Promise<void> {
  if (!leased) {
    const stuck = await settleStuckExecutions(deps, servers, 'find', onOpen).catch((err) => {
      deps.logger.warn('could not look for stuck executions', { farmId: farm.id, error: err as Error });
      return [];
    });
    if (stuck.length > 0) mustAct(leased, 'stuck executions');
    return;
  }
  await settleStuckExecutions(deps, servers, 'settle', onOpen).then(
    (settled) => {
      if (settled.length > 0)
        deps.logger.info('settled executions the agent stopped reporting on', {
          farmId: farm.id,
          executions: settled.map((e) => `${e.id} ${e.status}`),
        });
    },
    (err) => deps.logger.warn('could not settle stuck executions', { farmId: farm.id, error: err as Error }),
  );
}

async function readRoles(deps: ReconcileDeps, farm: Farm): Promise<Map<string, Role | undefined>> {
  const roles = new Map<string, Role | undefined>();
  for (const roleId of new Set(farm.farmRoles.map((fr) => fr.roleId))) {
    roles.set(roleId, await deps.store.roles.get({ accountId: farm.accountId }, roleId));
  }
  return roles;
}
