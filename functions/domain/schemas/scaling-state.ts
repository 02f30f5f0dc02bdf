// What the API says of a farm role's scaling as it runs: the values pushed to it, and what it
// answers for "why does this farm role have 6 servers?" (the current decision, recent ones and
// the memory the next evaluation starts from).
import { z } from 'zod';
import { MAX_MEASURE } from '../input-bounds';
import { boundedNumber } from './bounded-numbers';
import { idOf, Timestamp } from './common';
import { ScaleDecision, ScalingMemory } from './scaling-decision';

/** At most this many metrics per push. */
export const PUSHED_METRICS_MAX = 20;

/** A push of metric values to one farm role, read by its rules with `source: {type: pushed, name}`. */
export const PushedMetricsInput = z
  .object({
    /** By the name rules read (`pushed` sources' `name`). */
    metrics: z
      .record(
        z
          .string()
          .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,63}$/, 'letters, digits, dot, dash and underscore, 1-64 long'),
        boundedNumber(0, MAX_MEASURE),
      )
      .refine((m) => Object.keys(m).length >= 1, 'name at least one metric')
      .refine((m) => Object.keys(m).length <= PUSHED_METRICS_MAX, `at most ${PUSHED_METRICS_MAX} metrics`),
    /** When the values were measured (default: when received); at most 10 minutes old, not in the future. */
    at: Timestamp.optional(),
  })
  .strict()
  .meta({ id: 'PushedMetricsInput' });
export type PushedMetricsInput = z.infer<typeof PushedMetricsInput>;

export const PushedMetricsAccepted = z
  .object({ farmRoleId: idOf('farmRole'), at: Timestamp, accepted: z.array(z.string()) })
  .meta({ id: 'PushedMetricsAccepted' });

export const FarmRoleScaling = z
  .object({
    farmRoleId: idOf('farmRole'),
    alias: z.string(),
    /** Whether the farm role has scaling rules or schedules the reconcile pass evaluates. */
    enabled: z.boolean(),
    /** The latest stored decision, or null before the first evaluation. */
    current: ScaleDecision.nullable(),
    /** Stored decisions, newest first (a quiet evaluation stores none: the current one still holds). */
    recent: z.array(ScaleDecision),
    /** The last decisions that changed the desired count, newest first. */
    changes: z.array(ScaleDecision),
    memory: ScalingMemory,
    /** When the stored state was last written (null: never). */
    evaluatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'FarmRoleScaling' });
export type FarmRoleScaling = z.infer<typeof FarmRoleScaling>;
