import { describe, expect, it } from 'vitest';
import {
  BEFORE_TERMINATE_HOLD_CAP_MS,
  beforeTerminateHoldUntil,
  BEFORE_TERMINATE_REPORT_GRACE_MS as GRACE,
  wasLiveWhenTerminated,
} from '../../../functions/domain/orchestration/terminate-hold';

const AT = '2026-01-01T00:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(AT) + ms);
const run = (
  over: Partial<{
    eventName: string;
    blocking: boolean;
    status: string;
    timeoutSeconds: number;
    startedAt: string;
  }> = {},
) =>
  ({
    eventName: 'BeforeHostTerminate',
    blocking: true,
    status: 'running',
    timeoutSeconds: 60,
    ...over,
  }) as const;

describe('beforeTerminateHoldUntil', () => {
  it.each([
    ['holds while a blocking BeforeHostTerminate script runs', [run()], 10_000, 60_000 + GRACE],
    ['holds for a queued one too', [run({ status: 'queued' })], 10_000, 60_000 + GRACE],
    [
      'holds for the longest of their timeouts',
      [run({ timeoutSeconds: 5 }), run({ timeoutSeconds: 90 })],
      60_000,
      90_000 + GRACE,
    ],
    [
      'counts a script’s timeout from when it started',
      [run({ timeoutSeconds: 5, startedAt: at(3_000).toISOString() })],
      6_000,
      8_000 + GRACE,
    ],
    ['holds for the report of a script past its timeout', [run({ timeoutSeconds: 5 })], 5_000, 5_000 + GRACE],
    [
      'lets go once the longest timeout and the report grace passed',
      [run({ timeoutSeconds: 5 })],
      5_000 + GRACE,
      null,
    ],
    [
      'never holds past the cap, however late the script started',
      [run({ timeoutSeconds: 60, startedAt: at(BEFORE_TERMINATE_HOLD_CAP_MS - 1_000).toISOString() })],
      BEFORE_TERMINATE_HOLD_CAP_MS - 500,
      BEFORE_TERMINATE_HOLD_CAP_MS,
    ],
    ['never holds past the cap', [run({ timeoutSeconds: 3600 })], BEFORE_TERMINATE_HOLD_CAP_MS, null],
    ['does not hold for a non-blocking script', [run({ blocking: false })], 1_000, null],
    ['does not hold for another event’s script', [run({ eventName: 'HostUp' })], 1_000, null],
    ['does not hold with nothing open', [], 1_000, null],
  ])('%s', (_why, open, elapsed, until) => {
    expect(beforeTerminateHoldUntil(open as never, AT, at(elapsed))).toBe(
      until === null ? null : Date.parse(AT) + until,
    );
  });
});

describe('wasLiveWhenTerminated', () => {
  it.each([
    ['Running', { Pending: '2026-01-01T00:00:00Z', Running: '2026-01-01T00:01:00Z' }, true],
    ['Initializing', { Pending: '2026-01-01T00:00:00Z', Initializing: '2026-01-01T00:01:00Z' }, true],
    ['Pending', { 'Pending Launch': '2026-01-01T00:00:00Z', Pending: '2026-01-01T00:01:00Z' }, false],
    ['Suspended', { Running: '2026-01-01T00:00:00Z', Suspended: '2026-01-01T00:01:00Z' }, false],
  ])('a server %s before Pending Terminate: %s', (_last, timestamps, live) => {
    expect(
      wasLiveWhenTerminated({ ...timestamps, 'Pending Terminate': '2026-01-01T00:02:00Z' } as never),
    ).toBe(live);
  });
});
