// The farm page's chart of running servers, rebuilt from the servers' status timestamps.
import { describe, expect, it } from 'vitest';
import type { Server } from '../../../frontend/lib/api-client';
import { runningSeries } from '../../../frontend/lib/running-series';

const NOW = Date.parse('2030-01-01T12:00:00Z');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

function server(status: Server['status'], timestamps: Server['timestamps']): Server {
  return { status, timestamps, updatedAt: at(0) } as Server;
}

describe('runningSeries', () => {
  it('steps up when servers start running and down when they stop', () => {
    const series = runningSeries(
      [
        server('Running', { Running: at(8) }),
        server('Terminated', { Running: at(6), 'Pending Terminate': at(3), Terminated: at(2) }),
        server('Running', { Running: at(1) }),
      ],
      NOW,
      10 * 60_000,
    );
    expect(series.map((p) => [Math.round((NOW - p.at) / 60_000), p.running])).toEqual([
      [10, 0],
      [8, 1],
      [6, 2],
      [3, 1],
      [1, 2],
      [0, 2],
    ]);
  });

  it('starts the window with what already ran before it', () => {
    const series = runningSeries([server('Running', { Running: at(60) })], NOW, 10 * 60_000);
    expect(series.map((p) => p.running)).toEqual([1, 1]);
  });

  it('ignores servers that never ran', () => {
    expect(
      runningSeries([server('Failed', { Pending: at(3), Failed: at(2) })], NOW, 60_000).at(-1)?.running,
    ).toBe(0);
  });
});
