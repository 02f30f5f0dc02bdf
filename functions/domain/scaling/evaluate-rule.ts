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
  const inWindow = (ctx.samples[metricKey(rule.source)] ?? []).filter((s) => s.at > since && s.at <= ctx.now);
  if (!isPerServer(rule.source)) {
    return {
      value: aggregate(
        inWindow.map((s) => s.value),
        rule.aggregate,
      ),
      samples: inWindow.length,
    };
  }
  // Per server: its mean over the window, then the rule's aggregate across ready servers.
  const perServer = new Map<string, { total: number; count: number }>();
  let used = 0;
  for (const s of inWindow) {
    if (s.serverId === undefined || !ctx.ready.has(s.serverId)) continue;
    const acc = perServer.get(s.serverId) ?? { total: 0, count: 0 };
    acc.total += s.value;
    acc.count++;
    perServer.set(s.serverId, acc);
    used++;
  }
  const means = [...perServer.values()].map((a) => a.total / a.count);
  return { value: aggregate(means, rule.aggregate), samples: used };
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
