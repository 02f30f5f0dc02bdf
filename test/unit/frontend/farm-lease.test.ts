// The farm page's lease line: the time left in words, as the developer reads it before asking for more.
import { describe, expect, it } from 'vitest';
import { timeLeft } from '../../../frontend/app/farm/farm-lease';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('timeLeft', () => {
  it.each([
    [at(2 * 24 * HOUR + 3 * HOUR + 10 * MIN), '2 d 3 h left', 'days and hours; minutes no longer matter'],
    [at(9 * HOUR + 59 * MIN + 30_000), '9 h 59 min left', 'hours and minutes, rounded down'],
    [at(45 * MIN), '45 min left', 'under an hour'],
    [at(30_000), 'ended', 'under a minute is over as far as a request goes'],
    [at(-HOUR), 'ended', 'a lease in the past'],
  ])('%s → %s (%s)', (iso, expected) => {
    expect(timeLeft(iso, NOW)).toBe(expected);
  });
});
