// Farm-level scheduled tasks (Scalr's Tasks Scheduler): launch, terminate, suspend or resume a farm,
// or fire a custom event on it, on a cron expression read in an IANA time zone. The API, the
// OpenAPI document, the portal and the CLI read these shapes; croner parses the expression here, so
// a pattern the runner could not follow is refused on save with its field path.
import { Cron } from 'croner';
import { z } from 'zod';
import { idOf, Name, Timestamp, Versioned } from './common';
import { CustomEventInput } from './custom-event';
import { TimeZone } from './scaling-schedule';

/** Five fields (minute hour day-of-month month day-of-week) or a nickname such as @daily: runs are per minute. */
export const CRON_MODE = '5-part';

/** A croner pattern; throws with croner's reason when it cannot be parsed. */
export function cronOf(expression: string, timeZone: string): Cron {
  return new Cron(expression, { timezone: timeZone, mode: CRON_MODE, paused: true });
}

export const CronExpression = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(128)
  .superRefine((expression, ctx) => {
    try {
      cronOf(expression, 'UTC');
    } catch (err) {
      ctx.addIssue({
        code: 'custom',
        message: `is not a cron expression (minute hour day month weekday): ${(err as Error).message}`,
      });
    }
  });

/** What a task does when it runs. */
export const FarmTaskAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('launch') }).strict(),
  z.object({ type: z.literal('terminate') }).strict(),
  z.object({ type: z.literal('suspend') }).strict(),
  z.object({ type: z.literal('resume') }).strict(),
  z
    .object({
      type: z.literal('fire-event'),
      /** A custom event: the same names and payload bounds as POST …/events. */
      event: CustomEventInput.pick({ name: true, payload: true }),
    })
    .strict(),
]);
export type FarmTaskAction = z.infer<typeof FarmTaskAction>;
export type FarmTaskActionType = FarmTaskAction['type'];

export const FarmTaskInput = z
  .object({
    name: Name,
    /** e.g. `0 19 * * 1-5` (weekdays at 19:00), read on the time zone's wall clock. */
    cron: CronExpression,
    timeZone: TimeZone.default('UTC'),
    action: FarmTaskAction,
  })
  .strict()
  .meta({ id: 'FarmTaskInput' });
export type FarmTaskInput = z.infer<typeof FarmTaskInput>;
export type FarmTaskInputShape = z.input<typeof FarmTaskInput>;

export const FarmTask = FarmTaskInput.extend({
  id: idOf('farmTask'),
  accountId: z.string(),
  environmentId: z.string(),
  farmId: z.string(),
  /** Paused tasks keep their schedule but do not run (nextRunAt is null while paused). */
  paused: z.boolean(),
  /** When it runs next (UTC); null while paused. */
  nextRunAt: Timestamp.nullable(),
  lastRunAt: Timestamp.nullable(),
  /** Whose permissions the runs act with, recorded as their actor. */
  createdBy: z.string(),
  ...Versioned.shape,
}).meta({ id: 'FarmTask' });
export type FarmTask = z.infer<typeof FarmTask>;

export const FarmTaskRunOutcome = z.enum(['succeeded', 'failed']);

/** One run of a task, recorded before its action and completed after it. */
export const FarmTaskRun = z
  .object({
    id: idOf('farmTaskRun'),
    accountId: z.string(),
    farmId: z.string(),
    taskId: z.string(),
    /** The occurrence the run is for (the earliest missed one after downtime). */
    scheduledFor: Timestamp,
    startedAt: Timestamp,
    action: z.enum(['launch', 'terminate', 'suspend', 'resume', 'fire-event']),
    outcome: z.enum(['running', ...FarmTaskRunOutcome.options]),
    /** Why it failed, in words (a refused transition, a farm gone, a policy). */
    error: z.string().nullable(),
    /** Occurrences folded into this run because the runner was down when they fell due. */
    missedRuns: z.number().int().min(0),
    endedAt: Timestamp.nullable(),
  })
  .meta({ id: 'FarmTaskRun' });
export type FarmTaskRun = z.infer<typeof FarmTaskRun>;
