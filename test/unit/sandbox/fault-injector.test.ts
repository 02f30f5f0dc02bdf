// The sandbox core's fault injection, the same for every cloud: which launches lack capacity,
// and what a call suffers for given shares and dice.
import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../sandbox/core/faults';
import type { SandboxFaults } from '../../../sandbox/core/sandbox-cloud';

const injector = (faults: Partial<SandboxFaults>, dice: number[] = []) => {
  let i = 0;
  return new FaultInjector(() => dice[i++] ?? 1, faults);
};

describe('FaultInjector.lacksCapacity', () => {
  it.each([
    { capacity: [], type: 't3.micro', zone: 'a', lacks: false, why: 'no capacity faults' },
    { capacity: [{ zone: 'a' }], type: 't3.micro', zone: 'a', lacks: true, why: 'the zone matches' },
    { capacity: [{ zone: 'a' }], type: 't3.micro', zone: 'b', lacks: false, why: 'another zone' },
    {
      capacity: [{ instanceType: 'm5.large' }],
      type: 'm5.large',
      zone: 'b',
      lacks: true,
      why: 'the type matches',
    },
    {
      capacity: [{ instanceType: 'm5.large', zone: 'a' }],
      type: 'm5.large',
      zone: 'b',
      lacks: false,
      why: 'every named field must match',
    },
    {
      capacity: [{}],
      type: 'm5.large',
      zone: 'a',
      lacks: false,
      why: 'an entry naming nothing matches nothing',
    },
    {
      capacity: [{ zone: 'b' }, { zone: 'a' }],
      type: 'x',
      zone: 'a',
      lacks: true,
      why: 'any entry may match',
    },
  ])('$why → $lacks', ({ capacity, type, zone, lacks }) => {
    expect(injector({ capacity }).lacksCapacity(type, zone)).toBe(lacks);
  });
});

describe('FaultInjector.strike', () => {
  it.each([
    { faults: {}, dice: [0, 0, 0], outcome: null, why: 'shares of 0 roll nothing, whatever the dice' },
    {
      faults: { throttleShare: 0.5 },
      dice: [0.4],
      outcome: 'throttled',
      why: 'a throttle roll under the share',
    },
    { faults: { throttleShare: 0.5 }, dice: [0.6], outcome: null, why: 'a throttle roll over the share' },
    {
      faults: { errorShare: 0.5 },
      dice: [0.1, 0.2],
      outcome: 'internal-error',
      why: 'an error, then a low roll: 500',
    },
    {
      faults: { errorShare: 0.5 },
      dice: [0.1, 0.7],
      outcome: 'unavailable',
      why: 'an error, then a high roll: 503',
    },
    {
      faults: { throttleShare: 1, errorShare: 1 },
      dice: [0, 0],
      outcome: 'throttled',
      why: 'throttling is rolled first',
    },
  ] as const)('$why', async ({ faults, dice, outcome }) => {
    expect(await injector(faults, [...dice]).strike()).toBe(outcome);
  });

  it('waits the configured latency before it answers', async () => {
    const started = Date.now();
    await injector({ latencyMs: 40 }).strike();
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('hands out copies, so a caller cannot change the faults in place', () => {
    const faults = injector({ capacity: [{ zone: 'a' }] });
    faults.current().capacity.push({ zone: 'b' });
    expect(faults.current().capacity).toEqual([{ zone: 'a' }]);
    faults.clear();
    expect(faults.current()).toEqual({ throttleShare: 0, errorShare: 0, capacity: [], latencyMs: 0 });
  });
});
