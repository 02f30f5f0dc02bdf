// The status a person reads for a farm: a farm that never ran says so instead of "Terminated".
import { describe, expect, it } from 'vitest';
import { farmStatusLabel, NEVER_LAUNCHED, neverLaunched } from '../../../functions/domain/farm-status-label';

const T = '2030-01-01T12:00:00.000Z';

describe('farmStatusLabel', () => {
  it('reads "Never launched" for a Terminated farm with no launch history', () => {
    const farm = { status: 'Terminated' as const, launchedAt: null };
    expect(neverLaunched(farm)).toBe(true);
    expect(farmStatusLabel(farm)).toBe(NEVER_LAUNCHED);
  });

  it('keeps Terminated once a launch was requested, even if it never reached Running', () => {
    expect(farmStatusLabel({ status: 'Terminated', launchedAt: null, launchRequestedAt: T })).toBe(
      'Terminated',
    );
  });

  it('keeps Terminated for a farm that ran before launch requests were recorded', () => {
    expect(farmStatusLabel({ status: 'Terminated', launchedAt: T })).toBe('Terminated');
  });

  it('shows any other status as it is', () => {
    expect(farmStatusLabel({ status: 'Launching', launchedAt: null })).toBe('Launching');
    expect(farmStatusLabel({ status: 'Running', launchedAt: T, launchRequestedAt: T })).toBe('Running');
  });

  it('lets a fresher live status win over the stored one', () => {
    const stored = { status: 'Running' as const, launchedAt: T, launchRequestedAt: T };
    expect(farmStatusLabel(stored, 'Suspended')).toBe('Suspended');
    expect(farmStatusLabel({ status: 'Terminated', launchedAt: null }, 'Launching')).toBe('Launching');
  });
});
