// The sandbox clouds' API call counts, as benchmarks read them: by `cloud:Operation`, the calls
// made between two readings, and one line to print.
import type { LocalRuntime } from '../../../local/runtime';

export type Counts = Record<string, number>;

const prefixed = (p: string, c: Counts) =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [`${p}:${k}`, v]));

export const callCounts = (rt: LocalRuntime): Counts => ({
  ...prefixed('ec2', rt.sandboxes.ec2.callCounts()),
  ...prefixed('gce', rt.sandboxes.gce.callCounts()),
});

export const delta = (after: Counts, before: Counts) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([k, v]) => [k, v - (before[k] ?? 0)] as const)
      .filter(([, v]) => v > 0),
  );

export const show = (c: Counts) =>
  Object.entries(c)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';
