// Which servers go when a farm role has more than it should. Servers that are not serving yet
// (Pending Launch, Pending, Initializing, Suspended) go first — they cost least to lose — then
// Running ones; within each group the farm role's scaleInOrder decides by creation time
// (newest-first keeps the oldest, proven servers, like Scalr's keep_oldest), then by index.
import type { z } from 'zod';
import type { ScaleInOrder } from '../schemas/farm';
import { timeOf } from './lifecycle';
import type { PlanServer } from './plan-input';

type Order = z.infer<typeof ScaleInOrder>;

export function scaleInRank(order: Order) {
  const sign = order === 'newest-first' ? -1 : 1;
  return (a: PlanServer, b: PlanServer): number =>
    Number(a.status === 'Running') - Number(b.status === 'Running') ||
    sign * ((timeOf(a.createdAt) ?? 0) - (timeOf(b.createdAt) ?? 0)) ||
    sign * (a.index - b.index) ||
    sign * a.id.localeCompare(b.id);
}

/** The `count` servers to terminate, in the order they should go. */
export function pickForScaleIn<T extends { server: PlanServer }>(
  members: readonly T[],
  count: number,
  order: Order,
): T[] {
  if (count <= 0) return [];
  const rank = scaleInRank(order);
  return [...members].sort((a, b) => rank(a.server, b.server)).slice(0, count);
}
