// The record of one scaling evaluation: enough to answer "why does this farm role have 6
// servers?" without re-running anything. decideScale returns it; ScaleOut/ScaleIn events, the
// API and the portal carry it as this one shape.
import { z } from 'zod';
import { Timestamp } from './common';

/** What kept the desired count from being what the rules asked for. */
export const SCALE_LIMITS = ['max', 'min', 'step', 'cooldown', 'stabilization', 'warm-up'] as const;
export const ScaleLimit = z.enum(SCALE_LIMITS);
export type ScaleLimit = z.infer<typeof ScaleLimit>;

export const ScaleDirection = z.enum(['out', 'in', 'hold']);
export type ScaleDirection = z.infer<typeof ScaleDirection>;

const Count = z.number().int().min(0);

export const RuleVerdict = z
  .object({
    rule: z.string(),
    /** The aggregated value, or null when the window held no samples. */
    value: z.number().nullable(),
    /** Samples the value was computed from (after warming-up servers were left out). */
    samples: Count,
    /** The server count this rule asked for, or null when it abstained. */
    proposal: Count.nullable(),
    /** Where the proposal points, before breaches are counted. */
    direction: ScaleDirection,
    /** Consecutive evaluations so far that wanted more / fewer servers. */
    breaches: z.object({ out: Count, in: Count }),
    /** Where this rule votes once its breach counts are met: a rule short of them votes hold. */
    vote: ScaleDirection,
    /** No samples and missingData is `abstain`: this rule did not vote. */
    abstained: z.boolean(),
  })
  .meta({ id: 'ScalingRuleVerdict' });
export type RuleVerdict = z.infer<typeof RuleVerdict>;

export const ScaleBounds = z
  .object({
    min: Count,
    max: Count,
    /** The schedule window that set them, or null for the farm role's own min/max. */
    schedule: z.string().nullable(),
  })
  .meta({ id: 'ScaleBounds' });
export type ScaleBounds = z.infer<typeof ScaleBounds>;

export const ScaleDecision = z
  .object({
    at: Timestamp,
    /** Servers counted as capacity (ready and warming up). */
    current: Count,
    /** Servers past their warm-up whose metrics count. */
    ready: Count,
    bounds: ScaleBounds,
    rules: z.array(RuleVerdict),
    /** What the rules together asked for, before bounds, steps, cooldowns and stabilization. */
    proposed: Count,
    desired: Count,
    direction: ScaleDirection,
    /** Raised to min: cooldowns and step caps did not apply. */
    healing: z.boolean(),
    limitedBy: z.array(ScaleLimit),
  })
  .meta({ id: 'ScaleDecision' });
export type ScaleDecision = z.infer<typeof ScaleDecision>;

/**
 * What a farm role's scaling remembers between evaluations (stored beside the decisions):
 * consecutive breaches per rule, the last actions for cooldowns, the recent desired counts for
 * scale-in stabilization.
 */
export const ScalingMemory = z
  .object({
    breaches: z.record(z.string(), z.object({ out: Count, in: Count })).default({}),
    lastScaleOutAt: Timestamp.nullable().default(null),
    lastScaleInAt: Timestamp.nullable().default(null),
    recentDesired: z.array(z.object({ at: Timestamp, desired: Count })).default([]),
  })
  .meta({ id: 'ScalingMemory' });
export type ScalingMemory = z.infer<typeof ScalingMemory>;
