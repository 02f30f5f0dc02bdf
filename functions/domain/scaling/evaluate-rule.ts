// One rule's verdict in one evaluation: its value over the window, the server count it asks
// for, and — counting consecutive breaches — its vote. Capacity is every live server (booting
// and warming ones included, so a scale-out in flight is not asked for twice); the value comes
// from ready servers only, since a warming server's metrics are not yet typical.

import { isPerServer, metricKey, type ScalingRule } from '../schemas/scaling';
import type { RuleVerdict, ScaleDirection, ScalingMemory } from '../schemas/scaling-decision';
import { aggregate } from './aggregate';
import type { MetricSample } from './scale-input';

export interface RuleContext {
  now: number;
  /** Live servers. */
  capacity: number;
  /** Ids of servers past warm-up. */
  ready: ReadonlySet<string>;
  samples: Readonly<Record<string, readonly MetricSample[]>>;
  memory: ScalingMemory;
}

// Breach counts stop growing here: a rule needs at most 60, and memory stays small.
const BREACH_CAP = 1000;
// ceil() of a ratio that is whole but for floating-point noise (3.0000000004) must not add one.
const EPSILON = 1e-9;

/** The value of a rule's source over its window, and how many samples made it. */
export function ruleValue(rule: ScalingRule, ctx: RuleContext): { value: number | null; samples: number } {
  const since = ctx.now - rule.windowSec * 1000;
  const all = ctx.samples[metricKey(rule.source)] ?? [];
  const perServer = isPerServer(rule.source);
  const values: number[] = [];
  // Per server: its mean over the window, then the rule's aggregate across ready servers.
  const sums = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const s of all) {
    if (s.at <= since || s.at > ctx.now) continue;
    if (!perServer) values.push(s.value);
    else if (s.serverId !== undefined && ctx.ready.has(s.serverId)) {
      sums.set(s.serverId, (sums.get(s.serverId) ?? 0) + s.value);
      counts.set(s.serverId, (counts.get(s.serverId) ?? 0) + 1);
    }
  }
  if (!perServer) return { value: aggregate(values, rule.aggregate), samples: values.length };
  let used = 0;
  for (const [id, total] of sums) {
    const count = counts.get(id)!;
    values.push(total / count);
    used += count;
  }
  return { value: aggregate(values, rule.aggregate), samples: used };
}

/** The server count a rule asks for at this value. */
export function proposalOf(rule: ScalingRule, value: number, capacity: number, ready: number): number {
  switch (rule.mode) {
    case 'target': {
      const ratio = value / rule.target;
      if (Math.abs(ratio - 1) <= rule.tolerancePercent / 100 || ready === 0) return capacity;
      return Math.max(0, Math.ceil(ready * ratio - EPSILON));
    }
    case 'per-instance':
      return Math.max(0, Math.ceil(value / rule.perInstance - EPSILON));
    case 'threshold': {
      const busy = rule.inverted ? value < rule.lower : value > rule.upper;
      const idle = rule.inverted ? value > rule.upper : value < rule.lower;
      if (busy) return capacity + rule.stepOut;
      if (idle) return Math.max(0, capacity - rule.stepIn);
      return capacity;
    }
  }
}

const directionOf = (proposal: number, capacity: number): ScaleDirection =>
  proposal > capacity ? 'out' : proposal < capacity ? 'in' : 'hold';

export function evaluateRule(rule: ScalingRule, ctx: RuleContext): RuleVerdict {
  const { value, samples } = ruleValue(rule, ctx);
  if (value === null) {
    return {
      rule: rule.name,
      value: null,
      samples: 0,
      proposal: null,
      direction: 'hold',
      breaches: { out: 0, in: 0 },
      vote: 'hold',
      abstained: rule.missingData === 'abstain',
    };
  }
  const proposal = proposalOf(rule, value, ctx.capacity, ctx.ready.size);
  const direction = directionOf(proposal, ctx.capacity);
  const before = ctx.memory.breaches[rule.name] ?? { out: 0, in: 0 };
  const breaches = {
    out: direction === 'out' ? Math.min(before.out + 1, BREACH_CAP) : 0,
    in: direction === 'in' ? Math.min(before.in + 1, BREACH_CAP) : 0,
  };
  const vote: ScaleDirection =
    (direction === 'out' && breaches.out >= rule.breachesOut) ||
    (direction === 'in' && breaches.in >= rule.breachesIn)
      ? direction
      : 'hold';
  return { rule: rule.name, value, samples, proposal, direction, breaches, vote, abstained: false };
}
