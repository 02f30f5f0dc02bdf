// The EventBridge Scheduler farm scheduler's calls. Scheduler has no local emulator, so
// aws-sdk-client-mock stands in for the service (docs/architecture.md §9), only to check the calls.
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEventBridgeFarmScheduler } from '../../../functions/adapters/scheduler/eventbridge-farm-scheduler';
import { InvalidScheduleName, scheduleNameFor } from '../../../functions/adapters/scheduler/schedule-name';
import { newId } from '../../../functions/domain/ids';

const GROUP = 'drover-farms';
const TARGET = 'arn:aws:lambda:us-east-1:123456789012:function:drover-reconcile';
const ROLE = 'arn:aws:iam::123456789012:role/drover-scheduler';
const DLQ = 'arn:aws:sqs:us-east-1:123456789012:drover-reconcile-dlq';

const client = new SchedulerClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
const scheduler = mockClient(client);
const farmScheduler = createEventBridgeFarmScheduler({
  groupName: GROUP,
  targetArn: TARGET,
  roleArn: ROLE,
  deadLetterArn: DLQ,
  client,
});

const conflict = () =>
  new ConflictException({
    message: 'Schedule already exists.',
    Message: 'Schedule already exists.',
    $metadata: {},
  });
const notFound = () =>
  new ResourceNotFoundException({
    message: 'Schedule does not exist.',
    Message: 'Schedule does not exist.',
    $metadata: {},
  });

beforeEach(() => {
  scheduler.reset();
});

describe('createEventBridgeFarmScheduler', () => {
  const farm = { accountId: newId('account'), farmId: newId('farm') };

  it('ensure creates a one-minute schedule named after the farm that reconciles it', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule', $metadata: {} });

    await farmScheduler.ensure(farm);

    const calls = scheduler.commandCalls(CreateScheduleCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input).toEqual({
      Name: farm.farmId,
      GroupName: GROUP,
      Description: `Reconcile farm ${farm.farmId} (account ${farm.accountId})`,
      ScheduleExpression: 'rate(1 minute)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      ActionAfterCompletion: 'NONE',
      Target: {
        Arn: TARGET,
        RoleArn: ROLE,
        Input: expect.any(String),
        RetryPolicy: { MaximumEventAgeInSeconds: 120, MaximumRetryAttempts: 3 },
        DeadLetterConfig: { Arn: DLQ },
      },
    });
    expect(JSON.parse(input.Target?.Input ?? '')).toEqual({ ...farm, reason: 'schedule' });
  });

  it('ensure of an existing schedule succeeds and rewrites it with the current definition', async () => {
    scheduler.on(CreateScheduleCommand).rejects(conflict());
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule', $metadata: {} });

    await farmScheduler.ensure(farm);
    await farmScheduler.ensure(farm);

    const created = scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input;
    const updates = scheduler.commandCalls(UpdateScheduleCommand);
    expect(updates).toHaveLength(2);
    expect(updates[0]!.args[0].input).toEqual(created);
  });

  it('ensure creates the schedule again when a concurrent remove deleted it between create and update', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejectsOnce(conflict())
      .resolves({ ScheduleArn: 'arn', $metadata: {} });
    scheduler.on(UpdateScheduleCommand).rejects(notFound());

    await farmScheduler.ensure(farm);

    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(2);
  });

  it('ensure passes on errors other than "already exists"', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ValidationException({ message: 'bad', Message: 'bad', $metadata: {} }));

    await expect(farmScheduler.ensure(farm)).rejects.toBeInstanceOf(ValidationException);
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(0);
  });

  it('ensure names no dead-letter queue when none is configured', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn', $metadata: {} });
    const withoutDlq = createEventBridgeFarmScheduler({
      groupName: GROUP,
      targetArn: TARGET,
      roleArn: ROLE,
      client,
    });

    await withoutDlq.ensure(farm);

    expect(scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input.Target).not.toHaveProperty(
      'DeadLetterConfig',
    );
  });

  it('remove deletes the farm schedule from the group', async () => {
    scheduler.on(DeleteScheduleCommand).resolves({ $metadata: {} });

    await farmScheduler.remove(farm);

    expect(scheduler.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: farm.farmId, GroupName: GROUP },
    ]);
  });

  it('remove of a schedule that does not exist succeeds', async () => {
    scheduler.on(DeleteScheduleCommand).rejects(notFound());

    await expect(farmScheduler.remove(farm)).resolves.toBeUndefined();
  });

  it('remove passes on other errors', async () => {
    scheduler.on(DeleteScheduleCommand).rejects(conflict());

    await expect(farmScheduler.remove(farm)).rejects.toBeInstanceOf(ConflictException);
  });

  it('refuses a farm id that cannot name a schedule before calling Scheduler', async () => {
    await expect(farmScheduler.ensure({ accountId: 'acc-1', farmId: 'x'.repeat(60) })).rejects.toBeInstanceOf(
      InvalidScheduleName,
    );
    expect(scheduler.calls()).toHaveLength(0);
  });
});

describe('scheduleNameFor', () => {
  it.each([
    [
      'a Drover farm id is the name as it is (31 characters)',
      'farm-01jd7y9x2k3m4n5p6q7r8s9t0v',
      'farm-01jd7y9x2k3m4n5p6q7r8s9t0v',
    ],
    ['an id without the prefix gets it', 'legacy_42', 'farm-legacy_42'],
    ['59 characters plus the prefix is exactly 64', 'y'.repeat(59), `farm-${'y'.repeat(59)}`],
  ])('%s', (_reason, farmId, name) => {
    expect(scheduleNameFor(farmId)).toBe(name);
  });

  it.each([
    ['longer than 64 with the prefix', 'y'.repeat(60)],
    ['characters Scheduler refuses', 'farm-a/b'],
    ['empty', ''],
  ])('refuses an id that is %s', (_reason, farmId) => {
    expect(() => scheduleNameFor(farmId)).toThrow(InvalidScheduleName);
  });
});
