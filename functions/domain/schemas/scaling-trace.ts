// A recorded metric trace, as `drover scaling simulate --metrics` replays it through
// decideScale: points in time, each with the values of the metrics a farm role's rules read
// (keyed by rule name, or by the source's metric key: `cpuPercent`, `sqs:<queue URL>`…) and,
// optionally, how many servers were serving when it was recorded.
import { z } from 'zod';
import { MAX_MEASURE } from '../input-bounds';
import { boundedNumber } from './bounded-numbers';
import { LIMITS, Timestamp } from './common';

/** Longest replay, in steps: a week of minutes, ten times over. */
export const MAX_TRACE_STEPS = 100_800;

export const TracePoint = z
  .object({
    at: Timestamp,
    /** Servers serving when recorded: load metrics are then spread over the replay's servers. */
    servers: z.number().int().min(0).max(LIMITS.instancesMax).optional(),
    metrics: z.record(z.string().min(1).max(2048), boundedNumber(0, MAX_MEASURE)),
  })
  .strict();
export type TracePoint = z.infer<typeof TracePoint>;

export const ScalingTrace = z
  .object({
    /** Seconds between evaluations in the replay (the reconcile loop's is 60). */
    stepSec: z.number().int().min(10).max(3600).default(60),
    /** Seconds from a launch to the new server's HostUp in the replay. */
    bootSec: z.number().int().min(0).max(3600).default(120),
    points: z.array(TracePoint).min(1, 'at least one point').max(MAX_TRACE_STEPS),
  })
  .strict()
  .superRefine((trace, ctx) => {
    for (let i = 1; i < trace.points.length; i++)
      if (Date.parse(trace.points[i]!.at) < Date.parse(trace.points[i - 1]!.at))
        ctx.addIssue({ code: 'custom', path: ['points', i, 'at'], message: 'points must be in time order' });
    const span = Date.parse(trace.points.at(-1)!.at) - Date.parse(trace.points[0]!.at);
    if (span / (trace.stepSec * 1000) > MAX_TRACE_STEPS)
      ctx.addIssue({ code: 'custom', path: ['points'], message: `spans more than ${MAX_TRACE_STEPS} steps` });
  })
  .meta({ id: 'ScalingTrace' });
export type ScalingTrace = z.infer<typeof ScalingTrace>;
export type ScalingTraceInput = z.input<typeof ScalingTrace>;
