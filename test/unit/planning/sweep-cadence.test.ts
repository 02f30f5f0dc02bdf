// The sweep's cadence (domain/planning/sweep-cadence.ts): which farms the safety net looks at
// every tick, which every few, and how the quiet ones spread over the ticks.
import { describe, expect, it } from 'vitest';
import {
  type CadenceInput,
  DEFAULT_QUIET_EVERY,
  dueAtTick,
  sweepEvery,
} from '../../../functions/domain/planning/sweep-cadence';

const quietOn = (platforms: CadenceInput['platforms']): CadenceInput => ({
  status: 'Running',
  platforms,
  reason: 'quiet',
});

describe('sweepEvery', () => {
  it.each<[string, CadenceInput, number | null]>([
    [
      'a quiet farm on EC2 and GCE: their events wake it, the sweep only catches a lost one',
      quietOn(['aws', 'gce']),
      5,
    ],
    [
      'a quiet farm with an OpenStack role: no events, so the sweep is how it sees a change',
      quietOn(['aws', 'openstack']),
      1,
    ],
    ['a quiet CloudStack farm: the same', quietOn(['cloudstack']), 1],
    ['a farm that acted: it is moving', { status: 'Running', platforms: ['aws'], reason: 'acted' }, 1],
    ['a throttled farm', { status: 'Running', platforms: ['aws'], reason: 'throttled' }, 1],
    [
      'a farm whose launches policies refused (degraded)',
      { status: 'Running', platforms: ['gce'], reason: 'policy-refusal' },
      1,
    ],
    ['a farm waiting on a deadline', { status: 'Launching', platforms: ['gce'], reason: 'deadline' }, 1],
    ['a Terminated farm: no safety net', { status: 'Terminated', platforms: ['aws'], reason: 'quiet' }, null],
  ])('%s', (_why, input, every) => {
    expect(sweepEvery(input, DEFAULT_QUIET_EVERY)).toBe(every);
  });

  it('takes the configured quiet cadence, never less than every tick', () => {
    expect(sweepEvery(quietOn(['aws']), 10)).toBe(10);
    expect(sweepEvery(quietOn(['aws']), 0)).toBe(1);
  });
});

describe('dueAtTick', () => {
  const farms = Array.from({ length: 500 }, (_, i) => `farm-${String(i).padStart(26, '0')}`);

  it('a farm swept every tick is due at every tick', () => {
    expect([0, 1, 2, 3].every((tick) => dueAtTick(farms[0]!, 1, tick))).toBe(true);
  });

  it('a farm swept every N ticks is due exactly once in any N ticks in a row', () => {
    for (const farmId of farms) {
      for (const start of [0, 3, 1_000_003]) {
        const due = [0, 1, 2, 3, 4].filter((i) => dueAtTick(farmId, 5, start + i));
        expect(due).toHaveLength(1);
      }
    }
  });

  it('spreads quiet farms over the ticks rather than sweeping them all in one', () => {
    const perTick = [0, 1, 2, 3, 4].map((tick) => farms.filter((f) => dueAtTick(f, 5, tick)).length);
    for (const count of perTick) expect(count).toBeGreaterThan(60);
    expect(perTick.reduce((a, b) => a + b, 0)).toBe(farms.length);
  });
});
