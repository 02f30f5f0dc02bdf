// When a farm task runs: croner on the task's wall clock (DST included), one run after downtime.
import { describe, expect, it } from 'vitest';
import { dueRun, nextRunAfter } from '../../../functions/domain/farm-tasks/next-run';
import { FarmTaskInput } from '../../../functions/domain/schemas/farm-task';

const at = (iso: string) => new Date(iso);
const task = (cron: string, timeZone: string, nextRunAt: string | null = null, paused = false) => ({
  cron,
  timeZone,
  nextRunAt,
  paused,
});

describe('nextRunAfter', () => {
  it.each([
    // Europe/Berlin moves from CET (+1) to CEST (+2) on 2026-03-29 at 02:00.
    [
      '08:00 Berlin stays 08:00 across spring-forward',
      '0 8 * * *',
      'Europe/Berlin',
      '2026-03-28T08:00:00Z',
      '2026-03-29T06:00:00.000Z',
    ],
    [
      '08:00 Berlin before the change is 07:00 UTC',
      '0 8 * * *',
      'Europe/Berlin',
      '2026-03-27T08:00:00Z',
      '2026-03-28T07:00:00.000Z',
    ],
    // 02:30 does not exist that night: croner runs it at the first minute after the gap, once.
    [
      'a time the change skips runs once, just after the gap',
      '30 2 * * *',
      'Europe/Berlin',
      '2026-03-28T02:00:00Z',
      '2026-03-29T01:00:00.000Z',
    ],
    [
      'weekdays only: Friday evening goes to Monday',
      '0 19 * * 1-5',
      'UTC',
      '2026-12-04T19:00:00Z',
      '2026-12-07T19:00:00.000Z',
    ],
  ])('%s', (_why, cron, zone, after, expected) => {
    expect(nextRunAfter({ cron, timeZone: zone }, at(after))?.toISOString()).toBe(expected);
  });

  it('runs the fall-back night once, at the first 01:30 (not again at the repeated one)', () => {
    // New York falls back from EDT (-4) to EST (-5) on 2026-11-01 at 02:00: 01:30 happens twice.
    // 04:00Z is midnight EDT; 01:30 EDT is 05:30Z, the repeated 01:30 EST would be 06:30Z.
    const daily = { cron: '30 1 * * *', timeZone: 'America/New_York' };
    const first = nextRunAfter(daily, at('2026-11-01T04:00:00Z'));
    expect(first?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(nextRunAfter(daily, first!)?.toISOString()).toBe('2026-11-02T06:30:00.000Z');
  });
});

describe('dueRun', () => {
  it('is nothing before the task is due, and nothing while paused', () => {
    expect(
      dueRun(task('0 * * * *', 'UTC', '2026-12-07T10:00:00.000Z'), at('2026-12-07T09:59:59Z')),
    ).toBeUndefined();
    expect(
      dueRun(task('0 * * * *', 'UTC', '2026-12-07T10:00:00.000Z', true), at('2026-12-07T11:00:00Z')),
    ).toBeUndefined();
  });

  it('runs a due task once and moves it to the next occurrence', () => {
    expect(dueRun(task('0 * * * *', 'UTC', '2026-12-07T10:00:00.000Z'), at('2026-12-07T10:00:04Z'))).toEqual({
      scheduledFor: at('2026-12-07T10:00:00.000Z'),
      missedRuns: 0,
      nextRunAt: at('2026-12-07T11:00:00.000Z'),
    });
  });

  it('after downtime runs once, folding in the occurrences it missed', () => {
    // Due at 10:00, the runner back at 13:20: 11:00, 12:00 and 13:00 were missed too.
    const due = dueRun(task('0 * * * *', 'UTC', '2026-12-07T10:00:00.000Z'), at('2026-12-07T13:20:00Z'));
    expect(due).toEqual({
      scheduledFor: at('2026-12-07T10:00:00.000Z'),
      missedRuns: 3,
      nextRunAt: at('2026-12-07T14:00:00.000Z'),
    });
  });
});

describe('FarmTaskInput', () => {
  it.each([
    ['cron', { cron: '61 * * * *' }],
    ['cron', { cron: '* * * * * *' }],
    ['cron', { cron: 'every day' }],
    ['timeZone', { timeZone: 'Mars/Olympus' }],
  ])('refuses a bad %s with its path', (path, change) => {
    const result = FarmTaskInput.safeParse({
      name: 'night',
      cron: '0 19 * * *',
      action: { type: 'terminate' },
      ...change,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });

  it('takes a nickname and defaults the zone to UTC', () => {
    expect(FarmTaskInput.parse({ name: 'n', cron: '@daily', action: { type: 'launch' } }).timeZone).toBe(
      'UTC',
    );
  });
});
