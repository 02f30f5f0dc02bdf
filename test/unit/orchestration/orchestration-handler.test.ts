// The orchestrator Lambda reads Drover events out of EventBridge envelopes and nothing else.
import { describe, expect, it } from 'vitest';
import { droverEventOf } from '../../../functions/handlers/orchestration';

const detail = {
  id: '01JD0000000000000000000000',
  name: 'HostUp',
  accountId: 'acc-1',
  environmentId: 'env-1',
  farmId: 'farm-1',
  serverId: 'srv-1',
  actor: 'agent',
  message: '',
  payload: {},
  at: '2026-11-25T10:00:00.000Z',
};

describe('droverEventOf', () => {
  it.each<[string, unknown, boolean]>([
    ['a Drover event envelope', { source: 'drover', 'detail-type': 'HostUp', detail }, true],
    [
      'an EC2 notification',
      { source: 'aws.ec2', 'detail-type': 'EC2 Instance State-change Notification', detail },
      false,
    ],
    ['an envelope without detail', { source: 'drover', 'detail-type': 'HostUp' }, false],
    ['a detail without an account', { source: 'drover', detail: { ...detail, accountId: undefined } }, false],
    ['not an object', 'HostUp', false],
    ['null', null, false],
  ])('%s', (_why, envelope, isEvent) => {
    expect(droverEventOf(envelope)).toEqual(isEvent ? detail : null);
  });
});
