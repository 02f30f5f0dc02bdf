// The scaling step of a reconcile pass: each farm role of a Running farm with scaling rules or
// schedules is evaluated at most once per EVALUATION_PERIOD_MS — its rules' samples are read
// through the scaling-metrics port, its stored memory is handed to the pure decideScale, and the
// desired count goes to the planner (which launches or scales in by the farm role's scaleInOrder,
// servers not yet serving first, zones kept balanced). Between evaluations the last stored
// decision's desired count stands.
//
// A quiet evaluation writes nothing (quiet-pass.ts): the state is stored only when its gist
// changes (scaling-gist.ts). A changed state is a write, so a pass without the farm's lease stops
// there (NeedsLease) and the leased pass evaluates again from fresh reads.
import { isLive } from '../../domain/planning/lifecycle';
import { decideScale, EMPTY_MEMORY, type MetricSample, type ScalingServer } from '../../domain/scaling';
import type { Farm, StoredFarmRole } from '../../domain/schemas/farm';
import { metricKey, type ScalingRule } from '../../domain/schemas/scaling';
import type { ScaleDecision } from '../../domain/schemas/scaling-decision';
import type { Server } from '../../domain/schemas/server';
import { readSamples, type ScalingMetricReaders } from '../../ports/scaling-metrics';
import { CHANGES_KEPT, DECISIONS_KEPT, type ScalingState } from '../../ports/scaling-state';
import type { Store } from '../../ports/store';
import { refreshedMemory, sameGist } from './scaling-gist';

/** How often a farm role's rules are evaluated (each evaluation counts one breach). */
export const EVALUATION_PERIOD_MS = 60_000;

export interface ScalingDeps {
  store: Pick<Store, 'scalingStates'>;
  readers: ScalingMetricReaders;
  /** Tests shorten it; default EVALUATION_PERIOD_MS. */
  periodMs?: number;
}

/** One farm role's evaluation that changed its state: to store, and to announce when it scales. */
export interface ScalingChange {
  farmRoleId: string;
  state: ScalingState;
  decision: ScaleDecision;
  /** Sources that could not be read, by rule name (their rules abstained or held). */
  missing: Record<string, string>;
}

export interface ScalingStep {
  /** For planFarm, by farm role id. */
  desiredCounts: Record<string, number>;
  changes: ScalingChange[];
  /** When the next evaluation is due (ISO), or null when no farm role scales. */
  nextEvaluationAt: string | null;
}

export const scales = (fr: StoredFarmRole): boolean =>
  !!fr.scaling && (fr.scaling.rules.length > 0 || fr.scaling.schedules.length > 0);

/** Evaluates the farm's scaling farm roles that are due; reads only, writes nothing. */
export async function evaluateScaling(
  deps: ScalingDeps,
  farm: Farm,
  servers: readonly Server[],
  now: Date,
): Promise<ScalingStep> {
  const step: ScalingStep = { desiredCounts: {}, changes: [], nextEvaluationAt: null };
  const periodMs = deps.periodMs ?? EVALUATION_PERIOD_MS;
  if (farm.status !== 'Running') {
    // A farm on its way to Running evaluates once there: the pass that gets it there must ask
    // to be looked at again, or a quiet farm's first evaluation would wait for the sweep.
    const starting = farm.status === 'Launching' || farm.status === 'Resuming';
    if (starting && farm.farmRoles.some(scales))
      step.nextEvaluationAt = new Date(now.getTime() + periodMs).toISOString();
    return step;
  }
  let next = Number.POSITIVE_INFINITY;
  const ref = { accountId: farm.accountId, farmId: farm.id };
  for (const fr of farm.farmRoles) {
    if (!scales(fr) || !fr.id) continue;
    const stored = await deps.store.scalingStates.get(ref, fr.id);
    const due = !stored || now.getTime() - stored.evaluatedAt >= periodMs;
    if (!due) {
      if (stored.decisions[0]) step.desiredCounts[fr.id] = stored.decisions[0].desired;
      next = Math.min(next, stored.evaluatedAt + periodMs);
      continue;
    }
    const own = servers.filter((s) => s.farmRoleId === fr.id && isLive(s.status));
    const change = await evaluateFarmRole(deps, farm, fr, own, stored, now);
    step.desiredCounts[fr.id] = change.decision.desired;
    if (!stored || !sameGist(stored, change.state, fr)) step.changes.push(change);
    next = Math.min(next, now.getTime() + periodMs);
  }
  step.nextEvaluationAt = Number.isFinite(next) ? new Date(next).toISOString() : null;
  return step;
}

async function evaluateFarmRole(
  deps: ScalingDeps,
  farm: Farm,
  fr: StoredFarmRole & { id: string },
  servers: readonly Server[],
  stored: ScalingState | undefined,
  now: Date,
): Promise<ScalingChange> {
  const target = {
    accountId: farm.accountId,
    environmentId: farm.environmentId,
    farmId: farm.id,
    farmRole: fr,
    serverIds: servers.map((s) => s.id),
  };
  const rules = fr.scaling?.enabled ? fr.scaling.rules : [];
  const samples: Record<string, MetricSample[]> = {};
  const missing: Record<string, string> = {};
  for (const [key, keyRules] of byKey(rules)) {
    const windowSec = Math.max(...keyRules.map((r) => r.windowSec));
    const window = { fromMs: now.getTime() - windowSec * 1000, toMs: now.getTime() };
    const read = await readSamples(deps.readers, keyRules[0]!.source, target, window, now);
    samples[key] = read.samples;
    if (read.missing) for (const r of keyRules) missing[r.name] = read.missing;
  }
  const outcome = decideScale({
    now,
    role: fr,
    servers: servers.map(scalingServer),
    samples,
    memory: stored ? refreshedMemory(stored, now) : EMPTY_MEMORY,
  });
  const { decision } = outcome;
  const previousDesired = stored?.decisions[0]?.desired;
  const state: ScalingState = {
    memory: outcome.memory,
    decisions: [decision, ...(stored?.decisions ?? [])].slice(0, DECISIONS_KEPT),
    changes:
      previousDesired === decision.desired
        ? (stored?.changes ?? [])
        : [decision, ...(stored?.changes ?? [])].slice(0, CHANGES_KEPT),
    evaluatedAt: now.getTime(),
  };
  return { farmRoleId: fr.id, state, decision, missing };
}

function byKey(rules: readonly ScalingRule[]): Map<string, ScalingRule[]> {
  const keys = new Map<string, ScalingRule[]>();
  for (const rule of rules) {
    const key = metricKey(rule.source);
    keys.set(key, [...(keys.get(key) ?? []), rule]);
  }
  return keys;
}

/** Capacity is every live server; it is ready (its metrics count) from when it entered Running. */
function scalingServer(server: Server): ScalingServer {
  const running = server.status === 'Running' ? server.timestamps.Running : undefined;
  return { id: server.id, readyAt: running ? Date.parse(running) : null };
}
