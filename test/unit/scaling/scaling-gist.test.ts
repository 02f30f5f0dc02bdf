// What makes a scaling evaluation worth a write (services/scaling/scaling-gist.ts): a steady
// farm role's evaluations, one a minute, store nothing after the first; a breach count past its
// rule's threshold, or a later time for the same desired count, is no change; a vote, a desired
// count or a last action is. And the memory read back takes the last desired count as of now,
// so an unwritten evaluation never shortens scale-in stabilization.
import { describe, expect, it } from 'vitest';
import { decideScale, EMPTY_MEMORY, type MetricSample } from '../../../functions/domain/scaling';
import type { StoredFarmRole } from '../../../functions/domain/schemas/farm';
import { Scaling } from '../../../functions/domain/schemas/scaling';
import type { ScalingState } from '../../../functions/ports/scaling-state';
import { refreshedMemory, sameGist } from '../../../functions/services/scaling/scaling-gist';

const T0 = Date.parse('2026-06-10T12:00:00Z');
const MIN = 60_000;
const scaling = Scaling.parse({
  rules: [{ name: 'cpu', mode: 'target', source: { type: 'agent', metric: 'cpuPercent' }, target: 50 }],
  warmUpSec: 0,
});
const role = { minInstances: 1, maxInstances: 4, scaling } as unknown as StoredFarmRole;
const servers = [
  { id: 'a', readyAt: T0 - 60 * MIN },
  { id: 'b', readyAt: T0 - 60 * MIN },
];
const samples = (at: number, cpu: number): Record<string, MetricSample[]> => ({
  cpuPercent: servers.map((s) => ({ at: at - 1000, value: cpu, serverId: s.id })),
});

/** Evaluates at `at` from `previous` as the loop does, answering the state it would store. */
function evaluate(previous: ScalingState | undefined, at: number, cpu: number): ScalingState {
  const now = new Date(at);
  const { decision, memory } = decideScale({
    now,
    role,
    servers,
    samples: samples(at, cpu),
    memory: previous ? refreshedMemory(previous, now) : EMPTY_MEMORY,
  });
  return { memory, decisions: [decision], changes: [], evaluatedAt: at };
}

describe('a scaling evaluation worth storing', () => {
  it('is only the first of a steady farm role’s', () => {
    let stored = evaluate(undefined, T0, 50);
    let writes = 1;
    for (let m = 1; m <= 30; m++) {
      const next = evaluate(stored, T0 + m * MIN, 50 + (m % 3));
      if (!sameGist(stored, next, role)) {
        stored = next;
        writes++;
      }
    }
    expect(writes).toBe(1);
  });

  it('counts scale-in breaches up to the rule’s threshold, then stops writing', () => {
    let stored = evaluate(undefined, T0, 50);
    const written: number[] = [];
    for (let m = 1; m <= 10; m++) {
      // Low load: cpu wants 1 server, and votes in once it has breached 3 times (breachesIn).
      const next = evaluate(stored, T0 + m * MIN, 10);
      if (!sameGist(stored, next, role)) {
        stored = next;
        written.push(m);
      }
    }
    // Breaches 1, 2, 3 (the vote), then the scale-in itself changes the decision and last action.
    expect(written.slice(0, 3)).toEqual([1, 2, 3]);
    expect(stored.memory.breaches.cpu!.in).toBeGreaterThanOrEqual(3);
    expect(written.length).toBeLessThan(10);
  });

  it('reads the last desired count back as of now', () => {
    const stored = evaluate(undefined, T0, 90);
    const later = new Date(T0 + 10 * MIN);
    const memory = refreshedMemory(stored, later);
    expect(memory.recentDesired.at(-1)!.desired).toBe(stored.memory.recentDesired.at(-1)!.desired);
    expect(Date.parse(memory.recentDesired.at(-1)!.at)).toBe(later.getTime() - 1);
  });
});
