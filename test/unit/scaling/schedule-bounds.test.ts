// Schedule windows on their own zone's wall clock, across daylight-saving changes: the clock
// the window names is the one that counts, whatever UTC says.
import { describe, expect, it } from 'vitest';
import { boundsAt, decideScale, isOpenAt, wallClock } from '../../../functions/domain/scaling';
import { ScheduleWindow } from '../../../functions/domain/schemas/scaling-schedule';
import { input, scaling } from './scaling-fixtures';

const window = (over: Record<string, unknown>) =>
  ScheduleWindow.parse({ name: 'w', minInstances: 2, maxInstances: 6, ...over });
const role = { minInstances: 0, maxInstances: 10 };
const openAt = (w: ScheduleWindow, utc: string) => isOpenAt(w, wallClock(new Date(utc), w.timeZone));

const officeHours = window({
  name: 'office-hours',
  timeZone: 'Europe/Berlin',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '08:00',
  end: '18:00',
});

describe('schedule windows', () => {
  it.each([
    ['Friday before the change, 07:30 UTC is 08:30 CET: open', '2026-03-27T07:30:00Z', true],
    ['Friday before the change, 06:30 UTC is 07:30 CET: closed', '2026-03-27T06:30:00Z', false],
    ['Monday after the change, 06:30 UTC is 08:30 CEST: open', '2026-03-30T06:30:00Z', true],
    ['Monday after the change, 05:59 UTC is 07:59 CEST: closed', '2026-03-30T05:59:00Z', false],
    ['Friday before the change, 16:30 UTC is 17:30 CET: open', '2026-03-27T16:30:00Z', true],
    ['Monday after the change, 16:30 UTC is 18:30 CEST: closed', '2026-03-30T16:30:00Z', false],
    ['Sunday, the day of the change, at noon: not a weekday', '2026-03-29T10:00:00Z', false],
  ])('Europe/Berlin office hours across the March change: %s', (_reason, utc, open) => {
    expect(openAt(officeHours, utc)).toBe(open);
  });

  it('a window in the hour a spring-forward change skips never opens that day', () => {
    const gap = window({ timeZone: 'America/New_York', days: ['sun'], start: '02:00', end: '03:00' });
    // 2026-03-08: 01:59 EST (06:59 UTC) is followed by 03:00 EDT (07:00 UTC).
    expect(openAt(gap, '2026-03-08T06:59:00Z')).toBe(false);
    expect(openAt(gap, '2026-03-08T07:00:00Z')).toBe(false);
    expect(openAt(gap, '2026-03-15T06:30:00Z')).toBe(true); // 02:30 EDT a week later
  });

  it('a window over the hour a fall-back change repeats is open both times round', () => {
    const repeated = window({ timeZone: 'America/New_York', days: ['sun'], start: '01:00', end: '02:00' });
    // 2026-11-01: 01:30 EDT is 05:30 UTC, and 01:30 EST an hour later is 06:30 UTC.
    expect(openAt(repeated, '2026-11-01T05:30:00Z')).toBe(true);
    expect(openAt(repeated, '2026-11-01T06:30:00Z')).toBe(true);
    expect(openAt(repeated, '2026-11-01T07:30:00Z')).toBe(false); // 02:30 EST
  });

  it('a window past midnight belongs to the day it opened', () => {
    const night = window({ timeZone: 'UTC', days: ['fri'], start: '22:00', end: '06:00' });
    expect(openAt(night, '2026-06-12T23:00:00Z')).toBe(true); // Friday night
    expect(openAt(night, '2026-06-13T05:59:00Z')).toBe(true); // Saturday early, Friday's window
    expect(openAt(night, '2026-06-13T06:00:00Z')).toBe(false);
    expect(openAt(night, '2026-06-12T03:00:00Z')).toBe(false); // Friday early: Thursday has none
  });

  it('takes the first open window in list order, else the farm role bounds', () => {
    const late = window({
      name: 'late',
      timeZone: 'UTC',
      start: '00:00',
      end: '24:00',
      minInstances: 5,
      maxInstances: 5,
    });
    const now = new Date('2026-03-30T06:30:00Z');
    expect(boundsAt(role, [officeHours, late], now)).toEqual({ min: 2, max: 6, schedule: 'office-hours' });
    expect(boundsAt(role, [late, officeHours], now)).toEqual({ min: 5, max: 5, schedule: 'late' });
    expect(boundsAt(role, [officeHours], new Date('2026-03-30T05:00:00Z'))).toEqual({
      min: 0,
      max: 10,
      schedule: null,
    });
  });

  it('lets decideScale heal to the schedule min when office hours open after the change', () => {
    const at = (utc: string) =>
      decideScale(
        input({ now: new Date(utc), role: { ...role, scaling: scaling({ schedules: [officeHours] }) } }),
      ).decision;
    expect(at('2026-03-30T06:00:00Z')).toMatchObject({
      desired: 2,
      healing: true,
      bounds: { min: 2, max: 6, schedule: 'office-hours' },
    });
    expect(at('2026-03-30T05:59:00Z')).toMatchObject({ desired: 0, bounds: { schedule: null } });
  });
});
