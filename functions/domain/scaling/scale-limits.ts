// From the rules' proposal to the desired count. In this order:
// - bounds: the proposal is clamped to [min, max] (the schedule's, or the farm role's);
// - healing: growing up to min, and shrinking down to max, ignore every cooldown, step cap and
//   warm-up — bounds are promises, not suggestions;
// - scale-out beyond min: waits out the scale-out cooldown, then moves at most one step;
// - scale-in below max: no lower than the highest desired count seen over the stabilization
//   window, not while any server warms up, not during the scale-in cooldown (counted from the
//   last action in either direction, so an out followed by an in cannot flap), at most one step.
// A step is min(maxStepCount, maxStepPercent of current), never less than one server.

import type { z } from 'zod';
import type { ScaleInSettings, ScaleOutSettings } from '../schemas/scaling';
import type { ScaleBounds, ScaleLimit, ScalingMemory } from '../schemas/scaling-decision';

export interface LimitContext {
  now: number;
  capacity: number;
  warming: number;
  bounds: ScaleBounds;
  scaleOut: z.infer<typeof ScaleOutSettings>;
  scaleIn: z.infer<typeof ScaleInSettings>;
  memory: ScalingMemory;
}

export interface Limited {
  desired: number;
  healing: boolean;
  limitedBy: ScaleLimit[];
}

const timeOf = (iso: string | null) => (iso === null ? null : Date.parse(iso));

function stepOf(caps: { maxStepCount: number; maxStepPercent: number }, capacity: number): number {
  return Math.min(caps.maxStepCount, Math.max(1, Math.floor((capacity * caps.maxStepPercent) / 100)));
}

function within(since: number | null, seconds: number, now: number): boolean {
  return since !== null && now - since < seconds * 1000;
}

/** The highest desired count recorded less than `seconds` ago. */
export function highestRecent(memory: ScalingMemory, seconds: number, now: number): number | null {
  let highest: number | null = null;
  for (const entry of memory.recentDesired)
    if (now - Date.parse(entry.at) < seconds * 1000) highest = Math.max(highest ?? 0, entry.desired);
  return highest;
}

function scaleOut(target: number, ctx: LimitContext, limitedBy: ScaleLimit[]): Limited {
  const { capacity, bounds } = ctx;
  const floor = Math.max(capacity, bounds.min);
  const healing = capacity < bounds.min;
  if (target === floor) return { desired: target, healing, limitedBy };
  if (within(timeOf(ctx.memory.lastScaleOutAt), ctx.scaleOut.cooldownSec, ctx.now))
    return { desired: floor, healing, limitedBy: [...limitedBy, 'cooldown'] };
  const stepped = Math.max(floor, capacity + stepOf(ctx.scaleOut, capacity));
  if (stepped < target) return { desired: stepped, healing, limitedBy: [...limitedBy, 'step'] };
  return { desired: target, healing, limitedBy };
}

function scaleIn(target: number, ctx: LimitContext, limitedBy: ScaleLimit[]): Limited {
  const { capacity, bounds, now, memory } = ctx;
  const ceiling = Math.min(capacity, bounds.max);
  const limits = [...limitedBy];
  let desired = target;
  const highest = highestRecent(memory, ctx.scaleIn.stabilizationSec, now);
  if (highest !== null && Math.min(highest, ceiling) > desired) {
    desired = Math.min(highest, ceiling);
    limits.push('stabilization');
  }
  if (desired >= ceiling) return { desired: ceiling, healing: false, limitedBy: limits };
  if (ctx.warming > 0) return { desired: ceiling, healing: false, limitedBy: [...limits, 'warm-up'] };
  const lastOut = timeOf(memory.lastScaleOutAt) ?? Number.NEGATIVE_INFINITY;
  const lastIn = timeOf(memory.lastScaleInAt) ?? Number.NEGATIVE_INFINITY;
  const lastAction = Math.max(lastOut, lastIn);
  if (within(Number.isFinite(lastAction) ? lastAction : null, ctx.scaleIn.cooldownSec, now))
    return { desired: ceiling, healing: false, limitedBy: [...limits, 'cooldown'] };
  const stepped = Math.min(ceiling, capacity - stepOf(ctx.scaleIn, capacity));
  if (stepped > desired) return { desired: stepped, healing: false, limitedBy: [...limits, 'step'] };
  return { desired, healing: false, limitedBy: limits };
}

/** The desired count for a proposal, and what held it back. */
export function applyLimits(proposed: number, ctx: LimitContext): Limited & { target: number } {
  const { bounds, capacity } = ctx;
  const target = Math.min(bounds.max, Math.max(bounds.min, proposed));
  const limitedBy: ScaleLimit[] = [];
  if (proposed > bounds.max) limitedBy.push('max');
  if (proposed < bounds.min) limitedBy.push('min');
  const limited =
    target > capacity
      ? scaleOut(target, ctx, limitedBy)
      : target < capacity
        ? scaleIn(target, ctx, limitedBy)
        : { desired: target, healing: false, limitedBy };
  return { ...limited, target };
}
