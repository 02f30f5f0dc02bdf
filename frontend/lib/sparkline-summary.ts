// What the farm page's sparkline says in words. A series that never rises above zero must not
// claim "peak 1" (the chart's scale needs at least 1, the caption does not): a farm that has
// never run a server says so, and one whose servers all stopped earlier says none ran lately.
import type { SeriesPoint } from './running-series';

export interface SparklineSummary {
  /** Running at the end of the window. */
  now: number;
  /** The highest running count in the window (0 for an empty series). */
  peak: number;
  /** The caption's plain words when nothing ran in the window; undefined when the counts speak. */
  empty?: string;
  /** The chart's accessible name. */
  label: string;
}

export function sparklineSummary(
  points: SeriesPoint[],
  windowMinutes: number,
  /** Whether any server of the farm ever reached Running, inside the window or before it. */
  everRan: boolean,
): SparklineSummary {
  const now = points[points.length - 1]?.running ?? 0;
  const peak = Math.max(0, ...points.map((p) => p.running));
  if (peak === 0) {
    const empty = everRan ? `None running in the last ${windowMinutes} min` : 'No servers yet';
    return { now, peak, empty, label: `Running servers: ${empty.toLowerCase()}` };
  }
  return {
    now,
    peak,
    label: `Running servers over the last ${windowMinutes} minutes: ${now} now, at most ${peak}`,
  };
}
