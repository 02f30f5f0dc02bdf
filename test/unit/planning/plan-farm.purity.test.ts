// "Same inputs, same plan" under clock skew, and planFarm never touching what it is given: the
// reconciler hands it the records and the cloud's listing it goes on to use, so a planner that
// sorted or patched them in place would change the pass's own view behind its back. Inputs are
// deep-frozen (a write throws in strict mode) and compared with a copy taken before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planFarm } from '../../../functions/domain/planning';
import { MIN, SEC } from './farm-fixtures';
import { buildWorld, worldSpecArb } from './random-farms';
import { listed } from './simulated-cloud';

type PlanInput = Parameters<typeof planFarm>[0];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The planner's clock against the world's: behind it (instances launched "in the future") or ahead. */
const skewArb = fc.integer({ min: -60 * MIN, max: 10 * MIN });

/** A clock that steps back between two passes, by up to an hour. */
const stepBackArb = fc.integer({ min: 1 * SEC, max: 60 * MIN });

const inputAt = (spec: Parameters<typeof buildWorld>[0], skewMs: number): PlanInput => {
  const w = buildWorld(spec);
  return { farm: w.farm, servers: w.servers, observed: listed(w), now: new Date(w.now + skewMs) };
};

describe('planFarm is a pure function of its inputs, whatever the clock says', () => {
  it('plans the same from the same skewed inputs, and leaves them as they were', () => {
    fc.assert(
      fc.property(worldSpecArb, skewArb, (spec, skewMs) => {
        const input = inputAt(spec, skewMs);
        const before = structuredClone(input);
        const plan = planFarm(deepFreeze(input));
        expect(input).toEqual(before);
        expect(plan).toEqual(planFarm(structuredClone(before)));
      }),
    );
  });

  it('plans from a clock that stepped back without touching its inputs, and again the same', () => {
    fc.assert(
      fc.property(worldSpecArb, stepBackArb, (spec, stepMs) => {
        const input = deepFreeze(inputAt(spec, 0));
        const before = structuredClone(input);
        const now = planFarm(input);
        const back = { ...input, now: new Date(input.now.getTime() - stepMs) };
        const stepped = planFarm(back);
        expect(input).toEqual(before);
        expect(stepped).toEqual(planFarm(structuredClone(back)));
        // Time going back undoes nothing the planner already decided from the records.
        expect(planFarm(input)).toEqual(now);
      }),
    );
  });
});
