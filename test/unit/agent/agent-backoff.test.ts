import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../agent/backoff';

describe('Backoff', () => {
  it('doubles the ceiling after each failure up to the maximum', () => {
    const backoff = new Backoff({ baseMs: 100, maxMs: 1000, random: () => 0.999999 });
    const delays = Array.from({ length: 7 }, () => backoff.next());
    expect(delays).toEqual([99, 199, 399, 799, 999, 999, 999]);
  });

  it('draws each delay anywhere between 0 and the ceiling (full jitter)', () => {
    const backoff = new Backoff({ baseMs: 1000, maxMs: 60_000 });
    for (let i = 0; i < 200; i++) {
      const ceiling = backoff.ceilingMs;
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceiling);
    }
  });

  it('spreads agents that failed at the same moment', () => {
    const firstDelays = Array.from({ length: 100 }, () =>
      new Backoff({ baseMs: 1000, maxMs: 60_000 }).next(),
    );
    expect(new Set(firstDelays).size).toBeGreaterThan(50);
  });

  it('starts again from the base after a reset', () => {
    const backoff = new Backoff({ baseMs: 100, maxMs: 1000, random: () => 0.5 });
    backoff.next();
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(50);
  });
});
