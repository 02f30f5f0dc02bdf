// Which min/max hold at a moment: the first schedule window open then (in list order), else the
// farm role's own. A window is read on the wall clock of its IANA time zone through the
// platform's Intl.DateTimeFormat (no library: Node's ICU carries the tz database), so "08:00
// on weekdays" follows daylight-saving changes. Wall times a DST change skips (02:30 on a
// spring-forward day) never happen, so a window inside the gap does not open that day; one
// spanning it opens at its start and closes at its end as the clock reads them.

import type { ScaleBounds } from '../schemas/scaling-decision';
import type { ScheduleWindow, Weekday } from '../schemas/scaling-schedule';

const DAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const WEEKDAY_OF: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

// Building a formatter costs far more than using one; zones are few.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface WallClock {
  /** 0 = Monday … 6 = Sunday. */
  day: number;
  /** Minutes since local midnight. */
  minute: number;
}

// formatToParts costs tens of µs; every farm role evaluated in one minute asks for the same
// minute, and zone offsets are whole minutes, so one entry per zone serves a whole pass.
const lastClock = new Map<string, { minute: number; clock: WallClock }>();

/** The local weekday and time of `at` in a time zone. */
export function wallClock(at: Date, timeZone: string): WallClock {
  const minute = Math.floor(at.getTime() / 60_000);
  const cached = lastClock.get(timeZone);
  if (cached?.minute === minute) return cached.clock;
  const clock = readWallClock(at, timeZone);
  lastClock.set(timeZone, { minute, clock });
  return clock;
}

function readWallClock(at: Date, timeZone: string): WallClock {
  let day = 0;
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type === 'weekday') day = DAY_INDEX[part.value] ?? 0;
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return { day, minute: hour * 60 + minute };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether a window is open at a wall-clock moment of its own zone. */
export function isOpenAt(window: ScheduleWindow, clock: WallClock): boolean {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  const on = (day: number) => window.days.includes(WEEKDAY_OF[(day + 7) % 7]!);
  if (start < end) return on(clock.day) && clock.minute >= start && clock.minute < end;
  // Past midnight: the evening belongs to today's window, the early hours to yesterday's.
  return (on(clock.day) && clock.minute >= start) || (on(clock.day - 1) && clock.minute < end);
}

/** The bounds at `now`: the first open window's (its max never above the farm role's), else the farm role's. */
export function boundsAt(
  role: { minInstances: number; maxInstances: number },
  windows: readonly ScheduleWindow[],
  now: Date,
): ScaleBounds {
  const clocks = new Map<string, WallClock>();
  for (const window of windows) {
    let clock = clocks.get(window.timeZone);
    if (!clock) {
      clock = wallClock(now, window.timeZone);
      clocks.set(window.timeZone, clock);
    }
    if (isOpenAt(window, clock)) {
      const max = Math.min(window.maxInstances, role.maxInstances);
      return { min: Math.min(window.minInstances, max), max, schedule: window.name };
    }
  }
  const max = Math.max(0, role.maxInstances);
  return { min: Math.min(role.minInstances, max), max, schedule: null };
}
