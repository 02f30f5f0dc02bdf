// Farm leases: the lease a launch gets, and where a running farm is in its life.
import { describe, expect, it } from 'vitest';
import { leaseAtLaunch, leasePhase, leaseRuleFor } from '../../../functions/domain/policies';
import { NOW, policy } from './policy-fixtures';

const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString();

describe('leaseAtLaunch', () => {
  const lease = policy({ kind: 'farm-lease', maxLifetimeHours: 48, warnBeforeHours: 6 });
  it.each([
    ['no policy, no lease', [], null, null],
    ['no policy keeps the farm’s own lease', [], hours(100), hours(100)],
    ['no policy drops a lease that has passed', [], hours(-1), null],
    ['a policy gives its maximum', [lease], null, hours(48)],
    ['a shorter lease of its own is kept', [lease], hours(10), hours(10)],
    ['a longer lease is cut to the maximum', [lease], hours(100), hours(48)],
    ['a lease in the past is renewed', [lease], hours(-1), hours(48)],
  ])('%s', (_why, policies, current, expected) => {
    expect(leaseAtLaunch(current, policies, ['aws'], NOW)).toBe(expected);
  });

  it('takes the strictest farm-lease policy of the farm’s platforms', () => {
    const short = policy({ kind: 'farm-lease', maxLifetimeHours: 8 }, { platform: 'gce' });
    const long = policy({ kind: 'farm-lease', maxLifetimeHours: 24 });
    expect(leaseRuleFor([short, long], ['aws'])?.maxLifetimeHours).toBe(24);
    expect(leaseRuleFor([short, long], ['aws', 'gce'])?.maxLifetimeHours).toBe(8);
  });
});

describe('leasePhase', () => {
  it.each([
    ['no lease', null, 'none'],
    ['far from expiry', hours(10), 'running'],
    ['inside the warning window', hours(5), 'warning'],
    ['at expiry', hours(0), 'expired'],
    ['past expiry', hours(-3), 'expired'],
  ])('%s', (_why, at, phase) => {
    expect(leasePhase(at, 6, NOW)).toBe(phase);
  });
});
