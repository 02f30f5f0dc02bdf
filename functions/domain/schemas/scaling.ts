// Scaling on a farm role, beside minInstances/maxInstances: metric rules, schedule windows, and
// the scale-out and scale-in settings, kept apart because growing and shrinking fail
// differently (too slow out costs users, too fast in costs flapping). decideScale
// (functions/domain/scaling) reads exactly this; README "Scaling" maps Scalr's settings onto it.
import { z } from 'zod';
import { MAX_MEASURE } from '../input-bounds';
import { boundedNumber } from './bounded-numbers';
import { idOf, LIMITS } from './common';
import { ScheduleWindow } from './scaling-schedule';

/**
 * The metrics the agent can report for scaling: the one list both sides read, so the agent
 * sends only what a farm role's rules use (agentMetricsUsed) and rules name only what it sends.
 */
export const AGENT_METRIC_NAMES = [
  'load1',
  'load5',
  'load15',
  'cpuPercent',
  'memoryUsedPercent',
  'memoryFreeMiB',
  'diskUsedPercent',
  'networkInBytesPerSec',
  'networkOutBytesPerSec',
] as const;
export const AgentMetricName = z.enum(AGENT_METRIC_NAMES);
export type AgentMetricName = z.infer<typeof AgentMetricName>;

const MetricName = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,63}$/, 'letters, digits, dot, dash and underscore, 1-64 long');
const AbsolutePath = z
  .string()
  .max(4096)
  .regex(/^\/[^\0]*$/, 'must be an absolute path');

/** Where a rule's value comes from. */
export const MetricSource = z.discriminatedUnion('type', [
  /** Reported by each server's agent every minute. */
  z.object({ type: z.literal('agent'), metric: AgentMetricName }).strict(),
  /** A number the agent reads from a file or prints from a script the user names, per server. */
  z
    .object({
      type: z.literal('custom'),
      name: MetricName,
      read: z.enum(['file', 'script']),
      path: AbsolutePath,
    })
    .strict(),
  /** A number pushed to the farm role through the API (one value for the farm role). */
  z.object({ type: z.literal('pushed'), name: MetricName }).strict(),
  /** An HTTP check the control plane polls (through the egress guard). */
  z
    .object({
      type: z.literal('http'),
      url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
      measure: z.enum(['response-time-ms', 'body-number']),
    })
    .strict(),
  /**
   * An SQS queue's ApproximateNumberOfMessagesVisible, read with these AWS credentials (of the
   * farm's environment), or the farm role's own when it is on AWS.
   */
  z
    .object({
      type: z.literal('sqs'),
      queueUrl: z.url({ protocol: /^https?$/, message: 'must be an SQS queue URL' }),
      credentialsId: idOf('credentials').optional(),
    })
    .strict(),
]);
export type MetricSource = z.infer<typeof MetricSource>;

/** Agent and custom metrics are one value per server; the others, one per farm role. */
export const isPerServer = (source: MetricSource) => source.type === 'agent' || source.type === 'custom';

/** The key samples of a source are filed under (the same for every rule reading it). */
export function metricKey(source: MetricSource): string {
  switch (source.type) {
    case 'agent':
      return source.metric;
    case 'custom':
    case 'pushed':
      return `${source.type}:${source.name}`;
    case 'http':
      return `http:${source.url}`;
    case 'sqs':
      return `sqs:${source.queueUrl}`;
  }
}

export const Aggregate = z.enum(['avg', 'max', 'min', 'sum', 'p90']);
export type Aggregate = z.infer<typeof Aggregate>;

const Value = boundedNumber(0, MAX_MEASURE);
const Positive = Value.refine((v) => v > 0, 'must be greater than 0');

const ruleCommon = {
  /** Unique in the farm role; names the rule in decision records. */
  name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, 1-40 long'),
  source: MetricSource,
  /** How the ready servers' values (or a farm-role source's samples) become one value. */
  aggregate: Aggregate.default('avg'),
  /** Seconds of samples the value is computed over. */
  windowSec: z.number().int().min(60).max(3600).default(300),
  /** Consecutive evaluations that must want more servers before this rule adds any. */
  breachesOut: z.number().int().min(1).max(60).default(1),
  /** Consecutive evaluations that must want fewer servers before this rule agrees to remove any. */
  breachesIn: z.number().int().min(1).max(60).default(3),
  /** With no samples in the window: `abstain` (the rule does not vote) or `block-scale-in`. */
  missingData: z.enum(['abstain', 'block-scale-in']).default('abstain'),
};

/** Proportional, like target tracking: desired = ceil(ready × value / target), outside a tolerance band. */
export const TargetRule = z
  .object({
    mode: z.literal('target'),
    ...ruleCommon,
    target: Positive,
    /** No change while the value is within this percent of the target. */
    tolerancePercent: z.number().min(0).max(50).default(10),
  })
  .strict();

/** For queues: desired = ceil(value / perInstance). */
export const PerInstanceRule = z
  .object({ mode: z.literal('per-instance'), ...ruleCommon, perInstance: Positive })
  .strict();

/** Scalr-compatible: above `upper` add stepOut, below `lower` remove stepIn (swapped when inverted). */
export const ThresholdRule = z
  .object({
    mode: z.literal('threshold'),
    ...ruleCommon,
    upper: Value,
    lower: Value,
    /** Low values mean "too busy" (free memory): below lower adds, above upper removes. */
    inverted: z.boolean().default(false),
    stepOut: z.number().int().min(1).max(LIMITS.instancesMax).default(1),
    stepIn: z.number().int().min(1).max(LIMITS.instancesMax).default(1),
  })
  .strict();

export const ScalingRule = z
  .discriminatedUnion('mode', [TargetRule, PerInstanceRule, ThresholdRule])
  .meta({ id: 'ScalingRule' });
export type ScalingRule = z.infer<typeof ScalingRule>;

const stepCaps = (count: number, percent: number) => ({
  /** At most this many servers per decision. */
  maxStepCount: z.number().int().min(1).max(LIMITS.instancesMax).default(count),
  /** At most this percent of the current servers per decision (never less than one server). */
  maxStepPercent: z.number().int().min(1).max(1000).default(percent),
});

export const ScaleOutSettings = z
  .object({
    ...stepCaps(10, 100),
    /** Seconds after a scale-out before rules may add more (healing to min ignores it). */
    cooldownSec: z.number().int().min(0).max(86_400).default(120),
  })
  .strict();

export const ScaleInSettings = z
  .object({
    ...stepCaps(10, 50),
    /** Seconds after any scaling action before servers are removed. */
    cooldownSec: z.number().int().min(0).max(86_400).default(300),
    /** Scale in only to the highest desired count seen over this many seconds. */
    stabilizationSec: z.number().int().min(0).max(86_400).default(300),
    /** Suspended servers are resumed first by the next scale-out. */
    action: z.enum(['terminate', 'suspend']).default('terminate'),
    /** The agent runs this script before a removal; a non-zero exit keeps the server. */
    protectWhileBusy: z
      .object({ script: AbsolutePath, timeoutSec: z.number().int().min(1).max(300).default(30) })
      .strict()
      .optional(),
  })
  .strict();

export const Scaling = z
  .object({
    /** Off: the farm role keeps to minInstances (or its schedule's min), as before scaling. */
    enabled: z.boolean().default(true),
    rules: z.array(ScalingRule).max(10).default([]),
    /** The first open window (in list order) sets min/max; none open: the farm role's own. */
    schedules: z.array(ScheduleWindow).max(20).default([]),
    scaleOut: ScaleOutSettings.prefault({}),
    scaleIn: ScaleInSettings.prefault({}),
    /** Seconds after HostUp during which a server counts as capacity but not in metrics. */
    warmUpSec: z.number().int().min(0).max(3600).default(300),
  })
  .strict()
  .superRefine((scaling, ctx) => {
    const names = new Map<string, number>();
    scaling.rules.forEach((rule, i) => {
      if (names.has(rule.name))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'name'],
          message: `already used by rules.${names.get(rule.name)}`,
        });
      names.set(rule.name, i);
      if (rule.mode === 'threshold' && rule.lower >= rule.upper)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'lower'],
          message: `must be below upper (${rule.upper})`,
        });
    });
  })
  .meta({ id: 'Scaling' });
export type Scaling = z.infer<typeof Scaling>;
export type ScalingInput = z.input<typeof Scaling>;

/** The agent metrics a farm role's rules read: what its agents need to send. */
export function agentMetricsUsed(scaling: Scaling | undefined): AgentMetricName[] {
  const used = new Set(
    (scaling?.rules ?? []).flatMap((r) => (r.source.type === 'agent' ? [r.source.metric] : [])),
  );
  return AGENT_METRIC_NAMES.filter((name) => used.has(name));
}

/** The custom metrics (file or script) a farm role's agents must read. */
export function customMetricsUsed(scaling: Scaling | undefined) {
  return (scaling?.rules ?? []).flatMap((r) => (r.source.type === 'custom' ? [r.source] : []));
}

/**
 * Cross-field rules with the farm role, paths from the farm role: a schedule may not lift max
 * above the farm role's, and a queue on a GCE farm role names the AWS credentials to read it with.
 */
export function scalingIssues(
  scaling: Scaling | undefined,
  role: { platform: string; maxInstances: number },
) {
  if (!scaling) return [];
  const schedules = scaling.schedules.flatMap((w, i) =>
    w.maxInstances > role.maxInstances
      ? [
          {
            path: ['scaling', 'schedules', i, 'maxInstances'],
            message: `must not exceed the farm role's maxInstances (${role.maxInstances})`,
          },
        ]
      : [],
  );
  const queues = scaling.rules.flatMap((r, i) =>
    r.source.type === 'sqs' && !r.source.credentialsId && role.platform !== 'aws'
      ? [
          {
            path: ['scaling', 'rules', i, 'source', 'credentialsId'],
            message: 'is required on a non-AWS farm role (the AWS credentials to read the queue with)',
          },
        ]
      : [],
  );
  return [...schedules, ...queues];
}
