// A farm role that found no capacity anywhere waits before launching again, longer each time.
import { describe, expect, it } from 'vitest';
import { nextCapacityHold, untilFirstHoldEnds } from '../../../functions/domain/planning/capacity-holds';

const now = new Date('2026-01-01T00:00:00.000Z');

describe('capacity holds', () => {
  it.each([
    [undefined, 30_000, 'the first refusal waits 30 s'],
    [{ backoffMs: 30_000 }, 60_000, 'each further refusal doubles the wait'],
    [{ backoffMs: 480_000 }, 600_000, 'up to 10 minutes'],
    [{ backoffMs: 600_000 }, 600_000, 'and no more'],
  ])('after %j waits %i ms (%s)', (previous, expected, _why) => {
    const hold = nextCapacityHold(previous, now);
    expect(hold.backoffMs).toBe(expected);
    expect(Date.parse(hold.until) - now.getTime()).toBe(expected);
  });

  it('says when the earliest hold ends, or null without holds', () => {
    expect(untilFirstHoldEnds({}, now)).toBeNull();
    expect(
      untilFirstHoldEnds(
        {
          a: { until: '2026-01-01T00:01:00.000Z', backoffMs: 60_000 },
          b: { until: '2026-01-01T00:00:30.000Z', backoffMs: 30_000 },
        },
        now,
      ),
    ).toBe(30_000);
  });
});
