// The farm page's sparkline in words: a series that never rises above zero claims no peak.
import { describe, expect, it } from 'vitest';
import { sparklineSummary } from '../../../frontend/lib/sparkline-summary';

const flat = [
  { at: 0, running: 0 },
  { at: 600_000, running: 0 },
];

describe('sparklineSummary', () => {
  it('says "No servers yet" for a farm that never ran a server, with no peak', () => {
    const s = sparklineSummary(flat, 10, false);
    expect(s).toMatchObject({ now: 0, peak: 0, empty: 'No servers yet' });
    expect(s.label).toBe('Running servers: no servers yet');
    expect(s.label).not.toMatch(/at most 1/);
  });

  it('says none ran in the window when servers ran before it', () => {
    expect(sparklineSummary(flat, 15, true)).toMatchObject({
      peak: 0,
      empty: 'None running in the last 15 min',
    });
  });

  it('reports the real peak and the count now otherwise', () => {
    const s = sparklineSummary(
      [
        { at: 0, running: 0 },
        { at: 1, running: 3 },
        { at: 2, running: 2 },
      ],
      10,
      true,
    );
    expect(s).toEqual({
      now: 2,
      peak: 3,
      label: 'Running servers over the last 10 minutes: 2 now, at most 3',
    });
  });

  it('treats an empty series as nothing running', () => {
    expect(sparklineSummary([], 10, false)).toMatchObject({ now: 0, peak: 0, empty: 'No servers yet' });
  });
});
