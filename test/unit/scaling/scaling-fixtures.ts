// Builders for decideScale's inputs: a farm role with scaling parsed through the real schema,
// servers ready or booting, samples per metric key, and memory.
import {
  EMPTY_MEMORY,
  type MetricSample,
  type ScaleInput,
  type ScalingServer,
} from '../../../functions/domain/scaling';
import { Scaling, type ScalingInput } from '../../../functions/domain/schemas/scaling';
import type { ScalingMemory } from '../../../functions/domain/schemas/scaling-decision';

export const SEC = 1000;
export const MIN = 60 * SEC;
/** A Wednesday noon, UTC. */
export const T0 = Date.parse('2026-06-10T12:00:00.000Z');

export const cpuRule = (extra: Record<string, unknown> = {}) => ({
  mode: 'target' as const,
  name: 'cpu',
  source: { type: 'agent' as const, metric: 'cpuPercent' as const },
  target: 50,
  breachesIn: 1,
  ...extra,
});

export const queueRule = (extra: Record<string, unknown> = {}) => ({
  mode: 'per-instance' as const,
  name: 'queue',
  source: { type: 'sqs' as const, queueUrl: 'http://localhost:4566/000000000000/jobs' },
  perInstance: 100,
  breachesIn: 1,
  ...extra,
});

export const QUEUE_KEY = 'sqs:http://localhost:4566/000000000000/jobs';

/** Scaling with no cooldowns, steps or stabilization in the way unless a case adds them. */
export const scaling = (input: Partial<ScalingInput> = {}): Scaling =>
  Scaling.parse({
    warmUpSec: 0,
    ...input,
    scaleOut: { cooldownSec: 0, maxStepCount: 1000, maxStepPercent: 1000, ...input.scaleOut },
    scaleIn: {
      cooldownSec: 0,
      stabilizationSec: 0,
      maxStepCount: 1000,
      maxStepPercent: 1000,
      ...input.scaleIn,
    },
  });

/** `n` servers ready since an hour before T0 (ids s1…sn). */
export const readyServers = (n: number, from = 1): ScalingServer[] =>
  Array.from({ length: n }, (_, i) => ({ id: `s${from + i}`, readyAt: T0 - 60 * MIN }));

/** One sample a minute for the last five minutes from each server, all of `value`. */
export const perServer = (servers: readonly ScalingServer[], value: number): MetricSample[] =>
  servers.flatMap((s) => [0, 1, 2, 3, 4].map((m) => ({ at: T0 - m * MIN, value, serverId: s.id })));

export const farmRoleLevel = (value: number): MetricSample[] =>
  [0, 1, 2].map((m) => ({ at: T0 - m * MIN, value }));

export function input(
  over: Partial<Omit<ScaleInput, 'memory' | 'role'>> & {
    role?: Partial<ScaleInput['role']>;
    memory?: Partial<ScalingMemory>;
  } = {},
): ScaleInput {
  return {
    now: new Date(T0),
    servers: [],
    samples: {},
    ...over,
    role: { minInstances: 1, maxInstances: 10, scaling: scaling(), ...over.role },
    memory: { ...EMPTY_MEMORY, ...over.memory },
  };
}

export const iso = (ms: number) => new Date(ms).toISOString();
