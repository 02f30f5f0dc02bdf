// When a farm task runs, pure: croner reads the cron expression on the task's time-zone wall clock,
// so `0 8 * * *` stays 08:00 local across a DST change (a time the spring-forward change skips runs
// at the first minute after it, once; one the fall-back change repeats runs once). After downtime a
// task runs once for every occurrence it missed — as a user expects of "terminate at 19:00", not N
// times — and the run says how many it folded in.
import { cronOf, type FarmTask } from '../schemas/farm-task';

/** Missed occurrences are counted up to this many (a year of a per-minute task is not walked). */
export const MISSED_RUNS_COUNTED = 1000;

/** The first occurrence strictly after `after`, or null when the expression never fires again. */
export function nextRunAfter(task: Pick<FarmTask, 'cron' | 'timeZone'>, after: Date): Date | null {
  return cronOf(task.cron, task.timeZone).nextRun(after);
}

export interface DueRun {
  /** The occurrence the run stands for: the earliest one not run. */
  scheduledFor: Date;
  /** Later occurrences up to now, folded into this one run. */
  missedRuns: number;
  /** Where the task's schedule moves to: the first occurrence after now. */
  nextRunAt: Date | null;
}

/** The run a task owes at `now`, or undefined when it is paused or not due. */
export function dueRun(
  task: Pick<FarmTask, 'cron' | 'timeZone' | 'nextRunAt' | 'paused'>,
  now: Date,
): DueRun | undefined {
  if (task.paused || task.nextRunAt === null) return undefined;
  const scheduledFor = new Date(task.nextRunAt);
  if (scheduledFor.getTime() > now.getTime()) return undefined;
  const cron = cronOf(task.cron, task.timeZone);
  let missedRuns = 0;
  let cursor: Date | null = scheduledFor;
  while (missedRuns < MISSED_RUNS_COUNTED) {
    cursor = cron.nextRun(cursor);
    if (!cursor || cursor.getTime() > now.getTime()) break;
    missedRuns++;
  }
  return { scheduledFor, missedRuns, nextRunAt: cron.nextRun(now) };
}
