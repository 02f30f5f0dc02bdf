// toReconcileRequests against the events the reconcile function really receives. The EC2 samples
// follow AWS's documented "EC2 Instance State-change Notification" (EC2 User Guide, "State change
// events for Amazon EC2 instances"); the Drover sample is the envelope EventBridge wraps around
// what the EventBridge publisher puts; the Scheduler sample is the input a farm schedule carries.
import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../../../functions/domain/errors';
import { InvalidReconcileEvent, toReconcileRequests } from '../../../functions/handlers/reconcile-request';
import type { DroverEvent } from '../../../functions/ports/event-publisher';

const ec2StateChange = (state: string, instanceId = 'i-1234567890abcdef0') => ({
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2021-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: [`arn:aws:ec2:us-east-1:123456789012:instance/${instanceId}`],
  detail: { 'instance-id': instanceId, state },
});

const droverDetail: DroverEvent = {
  id: 'evt-01jd7y9x2k3m4n5p6q7r8s9t0v',
  name: 'FarmSpecChanged',
  accountId: 'acc-01jd7y9x2k3m4n5p6q7r8s9t0a',
  environmentId: 'env-01jd7y9x2k3m4n5p6q7r8s9t0b',
  farmId: 'farm-01jd7y9x2k3m4n5p6q7r8s9t0c',
  actor: 'usr-01jd7y9x2k3m4n5p6q7r8s9t0d',
  message: 'Farm spec saved (version 4)',
  payload: { version: 4 },
  at: '2025-03-01T10:00:00.000Z',
};

const droverBusEvent = (detail: Partial<DroverEvent> = droverDetail, detailType = 'FarmSpecChanged') => ({
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': detailType,
  source: 'drover',
  account: '123456789012',
  time: '2025-03-01T10:00:00Z',
  region: 'eu-west-1',
  resources: [],
  detail,
});

const schedulePayload = {
  accountId: 'acc-01jd7y9x2k3m4n5p6q7r8s9t0a',
  farmId: 'farm-01jd7y9x2k3m4n5p6q7r8s9t0c',
  reason: 'schedule',
};

function issuesOf(event: unknown): FieldIssue[] {
  try {
    toReconcileRequests(event);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidReconcileEvent);
    return (error as InvalidReconcileEvent).issues;
  }
  throw new Error('expected InvalidReconcileEvent');
}

describe('toReconcileRequests', () => {
  it('reads a farm schedule’s payload as a farm reconcile', () => {
    expect(toReconcileRequests(schedulePayload)).toEqual({ kind: 'farm', ...schedulePayload });
  });

  it('reads a Drover event from the bus as a reconcile of the farm it names', () => {
    expect(toReconcileRequests(droverBusEvent())).toEqual({
      kind: 'farm',
      accountId: droverDetail.accountId,
      farmId: droverDetail.farmId,
      reason: 'event:FarmSpecChanged',
    });
  });

  it.each(['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'])(
    'reads an EC2 state change to %s as an instance reconcile',
    (state) => {
      expect(toReconcileRequests(ec2StateChange(state))).toEqual({
        kind: 'instance',
        platform: 'aws',
        instanceId: 'i-1234567890abcdef0',
        state,
        reason: `ec2:${state}`,
        region: 'us-east-1',
        awsAccountId: '123456789012',
      });
    },
  );

  it('accepts the short instance ids of older instances', () => {
    expect(toReconcileRequests(ec2StateChange('terminated', 'i-abcd1111'))).toMatchObject({
      instanceId: 'i-abcd1111',
    });
  });

  it.each([
    [
      'a Drover event about the account, not a farm',
      droverBusEvent({ ...droverDetail, farmId: undefined }),
      'detail.farmId',
    ],
    [
      'a Drover event without an account',
      droverBusEvent({ ...droverDetail, accountId: '' }),
      'detail.accountId',
    ],
    ['an EC2 state nobody documents', ec2StateChange('hibernating'), 'detail.state'],
    [
      'an EC2 notification of another kind',
      { ...ec2StateChange('running'), 'detail-type': 'EC2 Spot Instance Interruption Warning' },
      'detail-type',
    ],
    [
      'an EC2 notification without an instance id',
      { ...ec2StateChange('running'), detail: { state: 'running' } },
      'detail.instance-id',
    ],
    ['a Scheduler payload without a farm', { accountId: 'acc-1', reason: 'schedule' }, 'farmId'],
    ['an event from another source', { ...ec2StateChange('running'), source: 'aws.autoscaling' }, 'source'],
  ])('refuses %s, naming the field', (_reason, event, path) => {
    expect(issuesOf(event).map((issue) => issue.path)).toContain(path);
  });

  it.each([
    ['null', null],
    ['a string', 'reconcile farm-1'],
    ['an array of payloads', [schedulePayload]],
    ['an SQS batch', { Records: [{ body: JSON.stringify(schedulePayload) }] }],
  ])('refuses %s', (_reason, event) => {
    expect(() => toReconcileRequests(event)).toThrow(InvalidReconcileEvent);
  });
});
