// Where a launch goes after the cloud refused it for capacity, and what other refusals lead to.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  launchRefusal,
  nextPlacement,
  noCapacityMessage,
  type Placement,
  statusAfterLaunch,
} from '../../../functions/domain/planning';

const web = {
  alias: 'web',
  zones: ['us-east-1a', 'us-east-1b'],
  instanceType: 't3.small',
  fallbackInstanceTypes: ['t3.medium'],
};
const p = (zone: string, instanceType: string): Placement => ({ zone, instanceType });

describe('nextPlacement', () => {
  it.each([
    ['nothing failed yet: the first zone, own type', [], p('us-east-1a', 't3.small')],
    [
      'the first zone failed: the next zone, same type',
      [p('us-east-1a', 't3.small')],
      p('us-east-1b', 't3.small'),
    ],
    [
      'a zone failed elsewhere in the pass: skipped too',
      [p('us-east-1b', 't3.small')],
      p('us-east-1a', 't3.small'),
    ],
    [
      'every zone of the own type failed: the fallback type, first zone',
      [p('us-east-1a', 't3.small'), p('us-east-1b', 't3.small')],
      p('us-east-1a', 't3.medium'),
    ],
    [
      'everything failed: none left',
      [
        p('us-east-1a', 't3.small'),
        p('us-east-1b', 't3.small'),
        p('us-east-1a', 't3.medium'),
        p('us-east-1b', 't3.medium'),
      ],
      null,
    ],
    ['failures of other types do not count', [p('us-east-1a', 'm5.large')], p('us-east-1a', 't3.small')],
  ])('%s', (_why, failed, expected) => {
    expect(nextPlacement(web, failed)).toEqual(expected);
  });

  const zone = fc.constantFrom('z-a', 'z-b', 'z-c');
  const type = fc.constantFrom('t-1', 't-2', 't-3');
  it('never offers a placement that failed, and runs out only when all of the farm role’s have', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(zone, { minLength: 1 }),
        type,
        fc.uniqueArray(type, { maxLength: 2 }),
        fc.array(fc.record({ zone, instanceType: type })),
        (zones, instanceType, fallbackInstanceTypes, failed) => {
          const role = { zones, instanceType, fallbackInstanceTypes };
          const next = nextPlacement(role, failed);
          const failedKeys = new Set(failed.map((f) => `${f.zone}/${f.instanceType}`));
          const all = [instanceType, ...fallbackInstanceTypes].flatMap((t) => zones.map((z) => `${z}/${t}`));
          if (next === null) expect(all.every((k) => failedKeys.has(k))).toBe(true);
          else {
            expect(failedKeys.has(`${next.zone}/${next.instanceType}`)).toBe(false);
            expect(all).toContain(`${next.zone}/${next.instanceType}`);
          }
        },
      ),
    );
  });
});

describe('launch outcomes', () => {
  it.each([
    ['Throttled', 'retry-later'],
    ['Transient', 'retry-later'],
    ['CapacityError', 'no-capacity'],
    ['InvalidSpec', 'failed'],
    ['AuthError', 'failed'],
  ])('a %s refusal: %s', (kind, expected) => {
    expect(launchRefusal(kind)).toBe(expected);
  });

  it.each([
    ['running', 'Initializing'],
    ['pending', 'Pending'],
  ] as const)('an instance %s after launch: the server is %s', (state, status) => {
    expect(statusAfterLaunch(state)).toBe(status);
  });

  it('names every type and zone it tried when capacity ran out', () => {
    expect(noCapacityMessage(web)).toBe('web: no capacity for t3.small/t3.medium in us-east-1a, us-east-1b');
  });
});
