// The five ways a rule turns many values into one. p90 is the nearest-rank percentile (the
// smallest value at or above 90% of the values), which needs no interpolation and is always a
// value that was actually reported.
import type { Aggregate } from '../schemas/scaling';

export function aggregate(values: readonly number[], how: Aggregate): number | null {
  if (values.length === 0) return null;
  switch (how) {
    case 'avg':
      return sum(values) / values.length;
    case 'sum':
      return sum(values);
    case 'max':
      return Math.max(...values);
    case 'min':
      return Math.min(...values);
    case 'p90': {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.ceil(0.9 * sorted.length) - 1]!;
    }
  }
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
