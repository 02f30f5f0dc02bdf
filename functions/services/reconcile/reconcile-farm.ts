// reconcileFarm: one observe–diff–act pass over one farm (ARCHITECTURE §2). It takes the
// farm's lease, lists what the clouds run for the farm, asks the pure planner what to do,
// applies that, records events and a summary, and says when to look again. It remembers
// nothing between passes: whatever a crash leaves half-done, the next pass completes.
import { ulid } from 'ulid';
import { type ObservedLocation, planFarm } from '../../domain/planning';
import type { Role } from '../../domain/schemas/role';
import { CloudError, type ObservedInstance } from '../../ports/cloud-driver';
import type { FarmRef } from '../../ports/farm-scheduler';
import { noOperationsMetrics } from '../../ports/operations-metrics';
import type { ReconcileSummary } from '../../ports/store';
import { recordSystemAudit } from '../audit';
import { cloudFailureFacts, describeFailure } from '../cloud-failure';
import { settleStuckExecutions } from '../orchestration/stuck-executions';
import { enabledPolicies } from '../policies';
import { checkFarmLaunch, holdBlockedLaunches } from '../variables/launch-gate';
import { PlanApplier } from './apply-plan';
import { untilFirstHoldEnds } from './capacity-holds';
import { CloudAccess } from './cloud-access';
import type { ReconcileDeps } from './deps';
import { farmEvent, recordEvents } from './farm-events';
import { keepLease } from './farm-lease';
import { degradedSince, healedSecondsSince, type PassFigures, recordPassMetrics } from './pass-metrics';

export type ReconcileResult = 'applied' | 'no-op' | 'busy' | 'gone' | 'failed';

/** Outcomes as data: what happened, and when this farm wants its next pass (null: at its schedule). */
export interface ReconcileOutcome {
  result: ReconcileResult;
  actions: number;
  recheckAfterMs: number | null;
  summary?: ReconcileSummary;
}

/** After acting, look again soon: the world is moving (instances booting, ending). */
const FOLLOW_UP_MS = 2_000;
/** How often a farm whose terminates wait on BeforeHostTerminate scripts looks again without being woken. */
const TERMINATE_HOLD_POLL_MS = 15_000;
const THROTTLED_BACKOFF_MS = 10_000;

export async function reconcileFarm(deps: ReconcileDeps, ref: FarmRef): Promise<ReconcileOutcome> {
  const started = deps.clock.now();
  const figures: Omit<PassFigures, 'result' | 'now'> = { actions: [], cloudErrors: {}, healedSeconds: [] };
  const outcome = await leasedPass(deps, ref, started, figures);
  recordPassMetrics(deps.metrics ?? noOperationsMetrics, {
    ...figures,
    result: outcome.result,
    summary: outcome.summary,
    now: started,
  });
  return outcome;
}

async function leasedPass(
  deps: ReconcileDeps,
  ref: FarmRef,
  started: Date,
  figures: Omit<PassFigures, 'result' | 'now'>,
): Promise<ReconcileOutcome> {
  const holder = ulid();
  const leaseMs = deps.leaseMs ?? 60_000;
  if (
    !(await deps.store.reconciles.acquireLease(ref, holder, started, new Date(started.getTime() + leaseMs)))
  ) {
    return { result: 'busy', actions: 0, recheckAfterMs: FOLLOW_UP_MS };
  }
  try {
    return await pass(deps, ref, started, figures);
  } catch (err) {
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
    return { result: 'failed', actions: 0, recheckAfterMs: THROTTLED_BACKOFF_MS };
  } finally {
    await deps.store.reconciles.releaseLease(ref, holder).catch(() => {});
  }
}

async function pass(
  deps: ReconcileDeps,
  ref: FarmRef,
  now: Date,
  figures: Omit<PassFigures, 'result' | 'now'>,
): Promise<ReconcileOutcome> {
  const stored = await deps.store.farms.get({ accountId: ref.accountId }, ref.farmId);
  if (!stored) {
    await deps.scheduler.remove(ref);
    return { result: 'gone', actions: 0, recheckAfterMs: null };
  }
  const previous = await deps.store.reconciles.getSummary(ref);
  // Policies are read at every pass: one changed after the farm was saved applies to its next launch.
  const policies = await enabledPolicies(deps.store, stored);
  const lease = await keepLease(deps.store, stored, policies, previous?.leaseWarnedFor, now);
  await recordEvents(deps, lease.events);
  // The platform's own write goes in the audit log beside people's (who: system, from: system).
  if (lease.events.some((e) => e.name === 'LeaseExpired'))
    await recordSystemAudit(deps, {
      accountId: stored.accountId,
      environmentId: stored.environmentId,
      action: 'farmLeaseExpired',
      resource: { type: 'farm', id: stored.id, name: stored.name },
      before: { status: stored.status, leaseExpiresAt: stored.leaseExpiresAt },
      after: { status: lease.farm.status, leaseExpiresAt: lease.farm.leaseExpiresAt },
    });
  const farm = lease.farm;
  const servers = await deps.store.servers.listByFarm({ accountId: ref.accountId, farmId: ref.farmId });
  const access = new CloudAccess(deps, farm.accountId, farm.environmentId);
  // The figures object is the pass's own, filled as it goes so a pass that throws still counts its cloud errors.
  figures.cloudErrors = access.errors;
  figures.healedSeconds = healedSecondsSince(servers, previous?.lastReconcileAt);
  // Scripts whose agent stopped reporting are settled here, where every live farm passes each minute.
  await settleStuckExecutions(deps, servers).then(
    (settled) => {
      if (settled.length > 0)
        deps.logger.info('settled executions the agent stopped reporting on', {
          farmId: farm.id,
          executions: settled.map((e) => `${e.id} ${e.status}`),
        });
    },
    (err) => deps.logger.warn('could not settle stuck executions', { farmId: farm.id, error: err as Error }),
  );

  // Observe every location the spec or a live record names.
  const locations = new Map<string, { platform: 'aws' | 'gce'; credentialsId: string; region: string }>();
  for (const l of [...farm.farmRoles, ...servers.filter((s) => s.status !== 'Terminated')]) {
    locations.set(`${l.platform}/${l.credentialsId}/${l.region}`, {
      platform: l.platform,
      credentialsId: l.credentialsId,
      region: l.region,
    });
  }
  const observed: ObservedInstance[] = [];
  const observedLocations: ObservedLocation[] = [];
  const problems: string[] = [];
  await Promise.all(
    [...locations.values()].map(async (l) => {
      try {
        const driver = await access.driver(l.credentialsId);
        observed.push(
          ...(await driver.listInstances(l.region, { accountId: farm.accountId, farmId: farm.id })),
        );
        observedLocations.push({ platform: l.platform, region: l.region });
      } catch (err) {
        deps.logger.warn('could not list instances', {
          farmId: farm.id,
          platform: l.platform,
          region: l.region,
          error: err as Error,
        });
        problems.push(`could not list ${l.platform} ${l.region}: ${describeFailure(err)}`);
      }
    }),
  );

  // Global Variables may hold a farm role's launches (a required one without a value…): the reason is shown, nothing launched.
  const gate = await checkFarmLaunch(deps.store, farm);
  const plan = holdBlockedLaunches(
    planFarm({ farm, servers, observed, observedLocations, now, options: deps.planOptions }),
    gate,
  );
  const roles = new Map<string, Role | undefined>();
  for (const roleId of new Set(farm.farmRoles.map((fr) => fr.roleId))) {
    roles.set(roleId, await deps.store.roles.get({ accountId: farm.accountId }, roleId));
  }
  const applier = new PlanApplier(
    deps,
    farm,
    servers,
    roles,
    access,
    now,
    deps.logger,
    previous?.capacityHolds,
    policies,
    previous?.policyRefusals,
  );
  applier.farmRoleTags = gate.tagsOf;
  figures.actions = plan.actions;
  await applier.apply(plan.actions);
  problems.push(...applier.problems);
  await recordEvents(deps, applier.events);

  const recheckAt = plan.recheckAt ? Date.parse(plan.recheckAt) - now.getTime() : null;
  const holdEnds = untilFirstHoldEnds(applier.capacityHolds, now);
  // Launches a policy refuses wait for the farm's schedule (or a spec or policy change), not a quick retry.
  const onlyRefusedByPolicy = applier.refusedLaunches > 0 && applier.applied === applier.refusedLaunches;
  const onlyWaitingForCapacity =
    holdEnds !== null && applier.applied === applier.heldLaunches && !applier.stopped;
  // Terminates held on open BeforeHostTerminate scripts: the scripts' end wakes the farm
  // (BeforeHostTerminateEnded); a slow poll up to the cap covers a lost result.
  const onlyHoldingTerminates =
    applier.terminateHoldEnds !== null &&
    applier.applied === applier.heldTerminates &&
    problems.length === 0 &&
    !applier.stopped;
  const recheckAfterMs =
    applier.stopped === 'throttled'
      ? THROTTLED_BACKOFF_MS
      : onlyHoldingTerminates
        ? Math.max(FOLLOW_UP_MS, Math.min(applier.terminateHoldEnds! - now.getTime(), TERMINATE_HOLD_POLL_MS))
        : onlyWaitingForCapacity
          ? Math.max(FOLLOW_UP_MS, holdEnds)
          : onlyRefusedByPolicy
            ? null
            : plan.actions.length > 0 || problems.length > 0
              ? FOLLOW_UP_MS
              : recheckAt !== null
                ? Math.max(FOLLOW_UP_MS, recheckAt)
                : null;
  const convergence =
    problems.length > 0 && plan.summary.convergence !== 'stopped' ? 'degraded' : plan.summary.convergence;
  const degradedStart = degradedSince(convergence, previous, now);
  const summary: ReconcileSummary = {
    convergence,
    reasons: [...plan.summary.reasons, ...problems],
    lastReconcileAt: now.toISOString(),
    recheckAt: plan.recheckAt,
    cloudCalls: access.calls,
    ...(Object.keys(applier.capacityHolds).length ? { capacityHolds: applier.capacityHolds } : {}),
    ...(Object.keys(applier.policyRefusals).length ? { policyRefusals: applier.policyRefusals } : {}),
    ...(lease.warnedFor ? { leaseWarnedFor: lease.warnedFor } : {}),
    ...(degradedStart ? { degradedSince: degradedStart } : {}),
  };
  await deps.store.reconciles.saveSummary(ref, summary);
  return {
    result: plan.actions.length ? 'applied' : 'no-op',
    actions: applier.applied,
    recheckAfterMs,
    summary,
  };
}
