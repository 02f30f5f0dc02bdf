// The operator's figures of one reconcile pass (infra/README.md, "Metrics"), counted through
// the OperationsMetrics port: the pass and its result, the actions it planned by kind, the
// cloud calls that failed by kind (throttles apart, for their alarm), how long the farm has been
// degraded, and how long servers took to heal. Everything is derived from what the pass read
// and wrote: no state is kept between passes (a farm's degraded start is in its summary).
import type { FarmAction } from '../../domain/planning';
import type { Server } from '../../domain/schemas/server';
import { METRIC, type OperationsMetrics } from '../../ports/operations-metrics';
import type { ReconcileSummary } from '../../ports/store';

export interface PassFigures {
  result: string;
  actions: FarmAction[];
  /** Failed cloud calls by CloudError kind. */
  cloudErrors: Record<string, number>;
  summary?: ReconcileSummary;
  now: Date;
  /** Replacement servers' healing times (seconds) this pass saw end. */
  healedSeconds: number[];
}

export function recordPassMetrics(metrics: OperationsMetrics, figures: PassFigures): void {
  metrics.add(METRIC.reconcilePasses, 1, 'Count', { name: 'result', value: figures.result });
  if (figures.result === 'failed') metrics.add(METRIC.reconcileFailures, 1);
  const byKind = new Map<string, number>();
  for (const action of figures.actions) byKind.set(action.type, (byKind.get(action.type) ?? 0) + 1);
  for (const [kind, count] of byKind)
    metrics.add(METRIC.reconcileActions, count, 'Count', { name: 'kind', value: kind });
  for (const [kind, count] of Object.entries(figures.cloudErrors)) {
    metrics.add(METRIC.cloudErrors, count, 'Count', { name: 'kind', value: kind });
    if (kind === 'Throttled') metrics.add(METRIC.cloudThrottles, count);
  }
  const since = figures.summary?.degradedSince;
  if (figures.summary?.convergence === 'degraded' && since)
    metrics.add(METRIC.farmDegradedSeconds, (figures.now.getTime() - Date.parse(since)) / 1000, 'Seconds');
  for (const seconds of figures.healedSeconds) metrics.add(METRIC.healingLatency, seconds, 'Seconds');
}

/** When a degraded spell began: kept from the previous pass while the farm stays degraded. */
export function degradedSince(
  convergence: ReconcileSummary['convergence'],
  previous: ReconcileSummary | undefined,
  now: Date,
): string | undefined {
  if (convergence !== 'degraded') return undefined;
  return previous?.convergence === 'degraded'
    ? (previous.degradedSince ?? now.toISOString())
    : now.toISOString();
}

/**
 * Healing times the farm's records show ended since the previous pass: a replacement that
 * reached Running (its agent's HostUp) after `since`, measured from when the server it replaces
 * was found gone (its Terminated or Failed time). Each is counted by the first pass after it.
 */
export function healedSecondsSince(servers: Server[], since: string | undefined): number[] {
  const byId = new Map(servers.map((s) => [s.id, s]));
  const healed: number[] = [];
  for (const server of servers) {
    const running = server.timestamps.Running;
    if (!server.replacesServerId || !running || (since && Date.parse(running) <= Date.parse(since))) continue;
    const replaced = byId.get(server.replacesServerId);
    const gone = replaced?.timestamps.Terminated ?? replaced?.timestamps.Failed;
    if (gone) healed.push(Math.max(0, (Date.parse(running) - Date.parse(gone)) / 1000));
  }
  return healed;
}
