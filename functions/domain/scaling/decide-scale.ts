// decideScale: one scaling evaluation of one farm role, as a pure function. From the farm role's
// bounds and scaling, its live servers, the metric samples and the memory earlier evaluations
// left, it returns the desired server count with a record of why, and the memory to keep.
//
// Rules
// - Bounds: the first open schedule window sets min/max (never above the farm role's max);
//   otherwise the farm role's own. With scaling disabled or no rules, the proposal is min.
// - Capacity is every live server; a server counts in metrics only once past warmUpSec after
//   HostUp. Samples older than a rule's window, or from servers not ready, are not read.
// - Order-independent: any rule voting out scales out (largest proposal wins); scale-in needs
//   every voting rule to vote in (largest proposal wins). See combine-verdicts.ts.
// - A rule votes its direction only after breachesOut / breachesIn consecutive evaluations
//   pointing that way; with no samples it abstains, or votes hold (missingData block-scale-in).
// - Bounds are kept first; healing to min ignores cooldowns and step caps; then cooldowns,
//   steps, warm-up and stabilization, as scale-limits.ts sets out.
// - The decision is never above max nor below min.

import { ScaleInSettings, ScaleOutSettings } from '../schemas/scaling';
import type { ScaleDecision, ScalingMemory } from '../schemas/scaling-decision';
import { combineVerdicts } from './combine-verdicts';
import { evaluateRule, type RuleContext } from './evaluate-rule';
import type { ScaleInput } from './scale-input';
import { applyLimits } from './scale-limits';
import { boundsAt } from './schedule-bounds';

export interface ScaleOutcome {
  decision: ScaleDecision;
  /** To store and pass to the next evaluation. */
  memory: ScalingMemory;
}

const DEFAULT_OUT = ScaleOutSettings.parse({});
const DEFAULT_IN = ScaleInSettings.parse({});
const DEFAULT_WARM_UP_SEC = 300;

export function decideScale(input: ScaleInput): ScaleOutcome {
  const now = input.now.getTime();
  const scaling = input.role.scaling;
  const warmUpMs = (scaling?.warmUpSec ?? DEFAULT_WARM_UP_SEC) * 1000;
  const ready = new Set<string>();
  for (const s of input.servers) if (s.readyAt !== null && now - s.readyAt >= warmUpMs) ready.add(s.id);
  const capacity = input.servers.length;
  const bounds = boundsAt(input.role, scaling?.schedules ?? [], input.now);
  const ctx: RuleContext = { now, capacity, ready, samples: input.samples, memory: input.memory };
  const rules = scaling?.enabled ? scaling.rules : [];
  const verdicts = rules.map((rule) => evaluateRule(rule, ctx));
  const proposed = rules.length === 0 ? bounds.min : combineVerdicts(verdicts, capacity);
  const limited = applyLimits(proposed, {
    now,
    capacity,
    warming: capacity - ready.size,
    bounds,
    scaleOut: scaling?.scaleOut ?? DEFAULT_OUT,
    scaleIn: scaling?.scaleIn ?? DEFAULT_IN,
    memory: input.memory,
  });
  const at = input.now.toISOString();
  const direction = limited.desired > capacity ? 'out' : limited.desired < capacity ? 'in' : 'hold';
  return {
    decision: {
      at,
      current: capacity,
      ready: ready.size,
      bounds,
      rules: verdicts,
      proposed,
      desired: limited.desired,
      direction,
      healing: limited.healing,
      limitedBy: limited.limitedBy,
    },
    memory: nextMemory(input, verdicts, limited.target, direction, at),
  };
}

function nextMemory(
  input: ScaleInput,
  verdicts: ScaleDecision['rules'],
  target: number,
  direction: ScaleDecision['direction'],
  at: string,
): ScalingMemory {
  const now = input.now.getTime();
  const keepMs = (input.role.scaling?.scaleIn.stabilizationSec ?? DEFAULT_IN.stabilizationSec) * 1000;
  // A sliding-window maximum: an entry with a later one at least as high can never be the
  // highest again, so memory holds a short descending run instead of one entry a minute.
  const recentDesired = input.memory.recentDesired.filter(
    (e) => now - Date.parse(e.at) < keepMs && e.desired > target,
  );
  if (keepMs > 0) recentDesired.push({ at, desired: target });
  return {
    breaches: Object.fromEntries(verdicts.map((v) => [v.rule, v.breaches])),
    lastScaleOutAt: direction === 'out' ? at : input.memory.lastScaleOutAt,
    lastScaleInAt: direction === 'in' ? at : input.memory.lastScaleInAt,
    recentDesired,
  };
}
