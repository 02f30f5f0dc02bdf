// Running servers over time, rebuilt from the servers' own status timestamps (when each entered
// Running, and when it left), so the farm page's chart is right from the first load and after
// a reload — no history has to be kept in the browser.
import type { Server } from './api-client';

export interface SeriesPoint {
  at: number;
  running: number;
}

const LEFT_RUNNING = ['Pending Terminate', 'Terminated', 'Suspended', 'Failed'] as const;

/** A step series of the running count over [now - windowMs, now]. */
export function runningSeries(servers: Server[], now: number, windowMs: number): SeriesPoint[] {
  const from = now - windowMs;
  const changes: { at: number; delta: number }[] = [];
  for (const server of servers) {
    const started = Date.parse(server.timestamps.Running ?? '');
    if (Number.isNaN(started)) continue;
    const ends = LEFT_RUNNING.map((s) => Date.parse(server.timestamps[s] ?? '')).filter(
      (t) => !Number.isNaN(t) && t >= started,
    );
    const ended =
      server.status === 'Running'
        ? undefined
        : ends.length
          ? Math.min(...ends)
          : Date.parse(server.updatedAt);
    changes.push({ at: started, delta: 1 });
    if (ended !== undefined && !Number.isNaN(ended)) changes.push({ at: ended, delta: -1 });
  }
  changes.sort((a, b) => a.at - b.at);
  let running = 0;
  const points: SeriesPoint[] = [];
  for (const change of changes) {
    if (change.at <= from) {
      running += change.delta;
      continue;
    }
    if (points.length === 0) points.push({ at: from, running });
    running += change.delta;
    points.push({ at: change.at, running });
  }
  if (points.length === 0) points.push({ at: from, running });
  points.push({ at: now, running });
  return points;
}
