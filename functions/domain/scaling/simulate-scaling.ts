// simulateScaling: replays a recorded metric trace through decideScale, one evaluation per step,
// with servers that boot, warm up and go as the decisions say — "what would scaling have done
// with yesterday's traffic?" (`drover scaling simulate`). Pure: no clock, no cloud, no API.
//
// Each step reads the latest trace point at or before it. Per-server metrics become one sample
// per ready server; load-like ones (LOAD_METRICS) recorded with a server count are spread over
// the servers the replay has ready, so adding servers lowers each one's load as it would have.
// Farm-role metrics (queues, pushed, HTTP) are one sample per step, replayed as recorded.
// Scale-in removes servers not yet ready first, then by the farm role's scaleInOrder.
import {
  type AgentMetricName,
  isPerServer,
  metricKey,
  type Scaling,
  type ScalingRule,
} from '../schemas/scaling';
import type { ScaleDecision } from '../schemas/scaling-decision';
import type { ScalingTrace, TracePoint } from '../schemas/scaling-trace';
import { decideScale } from './decide-scale';
import { EMPTY_MEMORY, type MetricSample, type ScalingServer } from './scale-input';

/** Metrics that are a share of the farm role's load, so they fall as servers are added. */
export const LOAD_METRICS: readonly AgentMetricName[] = [
  'load1',
  'load5',
  'load15',
  'cpuPercent',
  'networkInBytesPerSec',
  'networkOutBytesPerSec',
];

export interface SimulatedRole {
  minInstances: number;
  maxInstances: number;
  scaleInOrder: 'newest-first' | 'oldest-first';
  scaling: Scaling;
}

interface SimServer {
  id: string;
  launchedAt: number;
  /** Already serving when the trace starts (ready since before it). */
  initial: boolean;
}

// Samples older than the longest rule window are never read again.
const HISTORY_MS = 3600 * 1000;

export function simulateScaling(role: SimulatedRole, trace: ScalingTrace): ScaleDecision[] {
  const start = Date.parse(trace.points[0]!.at);
  const end = Date.parse(trace.points.at(-1)!.at);
  const step = trace.stepSec * 1000;
  let servers: SimServer[] = Array.from(
    { length: trace.points[0]!.servers ?? role.minInstances },
    (_, i) => ({
      id: `initial-${i + 1}`,
      launchedAt: start - HISTORY_MS,
      initial: true,
    }),
  );
  let memory = EMPTY_MEMORY;
  let launched = 0;
  let pointIndex = 0;
  const history: Record<string, MetricSample[]> = {};
  const decisions: ScaleDecision[] = [];
  for (let now = start; now <= end; now += step) {
    while (pointIndex + 1 < trace.points.length && Date.parse(trace.points[pointIndex + 1]!.at) <= now)
      pointIndex++;
    const live = servers.map((s) => ({ id: s.id, readyAt: readyAt(s, trace.bootSec) }));
    record(history, role.scaling.rules, trace.points[pointIndex]!, live, now);
    const outcome = decideScale({
      now: new Date(now),
      role,
      servers: live.map((s) => ({
        ...s,
        readyAt: s.readyAt !== null && s.readyAt <= now ? s.readyAt : null,
      })),
      samples: history,
      memory,
    });
    memory = outcome.memory;
    decisions.push(outcome.decision);
    const { desired } = outcome.decision;
    if (desired > servers.length)
      servers = [
        ...servers,
        ...Array.from({ length: desired - servers.length }, () => ({
          id: `launched-${++launched}`,
          launchedAt: now,
          initial: false,
        })),
      ];
    else if (desired < servers.length)
      servers = keepAfterScaleIn(servers, desired, role.scaleInOrder, now, trace.bootSec);
  }
  return decisions;
}

function readyAt(server: SimServer, bootSec: number): number {
  return server.initial ? server.launchedAt : server.launchedAt + bootSec * 1000;
}

/** Adds this step's samples for every rule's source, and forgets those too old to matter. */
function record(
  history: Record<string, MetricSample[]>,
  rules: readonly ScalingRule[],
  point: TracePoint,
  servers: readonly ScalingServer[],
  now: number,
): void {
  const ready = servers.filter((s) => s.readyAt !== null && s.readyAt <= now);
  for (const rule of rules) {
    const key = metricKey(rule.source);
    const recorded = point.metrics[rule.name] ?? point.metrics[key];
    const kept = (history[key] ?? []).filter((s) => s.at > now - HISTORY_MS && s.at < now);
    if (recorded !== undefined) {
      if (!isPerServer(rule.source)) kept.push({ at: now, value: recorded });
      else {
        const value = spread(rule, recorded, point.servers, ready.length);
        for (const s of ready) kept.push({ at: now, value, serverId: s.id });
      }
    }
    history[key] = kept;
  }
}

function spread(
  rule: ScalingRule,
  recorded: number,
  recordedServers: number | undefined,
  ready: number,
): number {
  if (rule.source.type !== 'agent' || !LOAD_METRICS.includes(rule.source.metric)) return recorded;
  if (recordedServers === undefined || ready === 0) return recorded;
  const value = (recorded * recordedServers) / ready;
  return rule.source.metric === 'cpuPercent' ? Math.min(100, value) : value;
}

function keepAfterScaleIn(
  servers: SimServer[],
  desired: number,
  order: SimulatedRole['scaleInOrder'],
  now: number,
  bootSec: number,
): SimServer[] {
  const sign = order === 'newest-first' ? -1 : 1;
  const goFirst = [...servers].sort(
    (a, b) =>
      Number(readyAt(a, bootSec) <= now) - Number(readyAt(b, bootSec) <= now) ||
      sign * (a.launchedAt - b.launchedAt) ||
      sign * a.id.localeCompare(b.id),
  );
  const leaving = new Set(goFirst.slice(0, servers.length - desired).map((s) => s.id));
  return servers.filter((s) => !leaving.has(s.id));
}
