// Scaling schedules: time windows that set a farm role's min/max while they are open ("office
// hours": min 2 from 08:00 to 18:00 on weekdays, min 0 otherwise). A window is read in its own
// IANA time zone, so 08:00 stays 08:00 across a daylight-saving change. Scalr's DateAndTime
// metric ("this many servers then") is a window with minInstances = maxInstances.
import { z } from 'zod';
import { LIMITS } from './common';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;

/** Whether the platform's Intl knows the zone (IANA names such as Europe/Berlin, and UTC). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin or UTC');

/** A wall-clock time; 24:00 ends a window at midnight. */
const WallTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time HH:MM (00:00-24:00)');

export const ScheduleWindow = z
  .object({
    name: z.string().trim().min(1).max(64),
    timeZone: TimeZone,
    /** The days the window opens on; a window past midnight closes on the next day. */
    days: z
      .array(Weekday)
      .min(1, 'at least one day')
      .max(7)
      .default([...WEEKDAYS]),
    /** Opens at this local time. */
    start: WallTime.refine((t) => t !== '24:00', 'a window cannot open at 24:00'),
    /** Closes at this local time; earlier than start means the window runs past midnight. */
    end: WallTime,
    minInstances: z.number().int().min(0).max(LIMITS.instancesMax),
    maxInstances: z.number().int().min(0).max(LIMITS.instancesMax),
  })
  .strict()
  .superRefine((w, ctx) => {
    if (w.minInstances > w.maxInstances)
      ctx.addIssue({
        code: 'custom',
        path: ['minInstances'],
        message: `must not exceed maxInstances (${w.maxInstances})`,
      });
    if (w.start === w.end) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must differ from start' });
    if (new Set(w.days).size !== w.days.length)
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'duplicate day' });
  })
  .meta({ id: 'ScheduleWindow' });
export type ScheduleWindow = z.infer<typeof ScheduleWindow>;
