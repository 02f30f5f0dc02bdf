// When a farm looks again: one pure answer from what its pass came to.
import { describe, expect, it } from 'vitest';
import {
  type ActionResult,
  type AppliedPass,
  FOLLOW_UP_MS,
  nextLook,
  TERMINATE_HOLD_POLL_MS,
  THROTTLED_BACKOFF_MS,
} from '../../../functions/domain/planning';

const NOW = new Date('2026-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const done: ActionResult = { as: 'done' };
const held = (until: string | null): ActionResult => ({ as: 'terminate-held', until });
const capacityHeldFor = (ms: number) => ({ web: { until: at(ms), backoffMs: ms } });

function pass(over: Partial<AppliedPass>): AppliedPass {
  return {
    kind: 'applied',
    now: NOW,
    planned: 0,
    problems: 0,
    stopped: null,
    results: [],
    capacityHolds: {},
    recheckAt: null,
    ...over,
  };
}

describe('nextLook', () => {
  it.each([
    ['another pass holds the lease: shortly', { kind: 'busy' } as const, FOLLOW_UP_MS, 'lease-busy'],
    ['the pass failed: after a back-off', { kind: 'failed' } as const, THROTTLED_BACKOFF_MS, 'pass-failed'],
    ['the farm is gone: never', { kind: 'gone' } as const, null, 'farm-gone'],
    [
      'the cloud throttled: after a back-off, whatever else happened',
      pass({ planned: 3, stopped: 'throttled', results: [done] }),
      THROTTLED_BACKOFF_MS,
      'throttled',
    ],
    [
      'only terminates held on scripts: when the first hold ends, if sooner than the poll',
      pass({ planned: 1, results: [held(at(5_000))] }),
      5_000,
      'terminate-hold',
    ],
    [
      'only terminates held on scripts: at the poll when the hold ends later',
      pass({ planned: 2, results: [held(at(60_000)), held(at(90_000))] }),
      TERMINATE_HOLD_POLL_MS,
      'terminate-hold',
    ],
    [
      'only terminates held on scripts: never sooner than the follow-up',
      pass({ planned: 1, results: [held(at(500))] }),
      FOLLOW_UP_MS,
      'terminate-hold',
    ],
    [
      'a first-pass hold (no end yet) is news: the follow-up',
      pass({ planned: 1, results: [held(null)] }),
      FOLLOW_UP_MS,
      'acted',
    ],
    [
      'held terminates and a problem: the follow-up',
      pass({ planned: 1, problems: 1, results: [held(at(60_000))] }),
      FOLLOW_UP_MS,
      'acted',
    ],
    [
      'only launches held for capacity: when the first hold ends',
      pass({ planned: 1, results: [{ as: 'launch-held' }], capacityHolds: capacityHeldFor(40_000) }),
      40_000,
      'capacity-hold',
    ],
    [
      'nothing planned while a capacity hold runs: when it ends',
      pass({ capacityHolds: capacityHeldFor(40_000) }),
      40_000,
      'capacity-hold',
    ],
    [
      'a capacity hold beside other work: the follow-up',
      pass({ planned: 2, results: [{ as: 'launch-held' }, done], capacityHolds: capacityHeldFor(40_000) }),
      FOLLOW_UP_MS,
      'acted',
    ],
    [
      'only launches policies refused: the schedule',
      pass({ planned: 2, problems: 2, results: [{ as: 'launch-refused' }, { as: 'launch-refused' }] }),
      null,
      'policy-refusal',
    ],
    ['it acted: the follow-up', pass({ planned: 1, results: [done] }), FOLLOW_UP_MS, 'acted'],
    ['a problem without actions: the follow-up', pass({ problems: 1 }), FOLLOW_UP_MS, 'acted'],
    ['a write lost a race: the follow-up', pass({ planned: 2, stopped: 'stale' }), FOLLOW_UP_MS, 'acted'],
    ['quiet with a deadline: at the deadline', pass({ recheckAt: at(30_000) }), 30_000, 'deadline'],
    ['quiet with a deadline due: the follow-up', pass({ recheckAt: at(100) }), FOLLOW_UP_MS, 'deadline'],
    ['quiet: the schedule', pass({}), null, 'quiet'],
  ])('%s', (_why, end, recheckAfterMs, reason) => {
    expect(nextLook(end)).toEqual({ recheckAfterMs, reason });
  });
});
