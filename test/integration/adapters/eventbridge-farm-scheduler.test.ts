// The EventBridge farm scheduler: the safety net is the sweep's entry on the table (dynalite), the
// per-farm schedule made before the sweep is deleted on ensure and remove, and EventBridge
// Scheduler (no local emulator: aws-sdk-client-mock stands in, docs/architecture.md §9, only to
// check the calls) gets no schedule per farm any more.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/client';
import { createTableIfMissing } from '../../../functions/adapters/dynamodb/create-table';
import { createSweepRepo } from '../../../functions/adapters/dynamodb/sweep-repo';
import { createEventBridgeFarmScheduler } from '../../../functions/adapters/scheduler/eventbridge-farm-scheduler';
import { InvalidScheduleName, scheduleNameFor } from '../../../functions/adapters/scheduler/schedule-name';
import { newId } from '../../../functions/domain/ids';
import type { FarmScheduler } from '../../../functions/ports/farm-scheduler';
import { type FarmSweepEntries, SWEEP_SHARDS } from '../../../functions/ports/farm-sweep';
import { type LocalDynamo, startDynalite } from '../../../local/dynamo-local';

const GROUP = 'drover-farms';
const TARGET = 'arn:aws:lambda:us-east-1:123456789012:function:drover-reconcile';
const ROLE = 'arn:aws:iam::123456789012:role/drover-scheduler';
const DLQ = 'arn:aws:sqs:us-east-1:123456789012:drover-reconcile-dlq';
const TABLE = 'scheduler';

const client = new SchedulerClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
const scheduler = mockClient(client);
let dynamo: LocalDynamo;
let entries: FarmSweepEntries;
let farmScheduler: FarmScheduler;

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

beforeAll(async () => {
  dynamo = await startDynalite();
  const raw = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createTableIfMissing(raw, TABLE);
  raw.destroy();
  entries = createSweepRepo(createDocumentClient({ tableName: TABLE, endpoint: dynamo.endpoint }), TABLE);
  farmScheduler = createEventBridgeFarmScheduler({
    groupName: GROUP,
    targetArn: TARGET,
    roleArn: ROLE,
    deadLetterArn: DLQ,
    entries,
    client,
  });
});
afterAll(async () => {
  await dynamo?.stop();
});

beforeEach(() => {
  scheduler.reset();
  scheduler.on(DeleteScheduleCommand).rejects(notFound());
});

async function entryOf(farmId: string) {
  const all = (
    await Promise.all(Array.from({ length: SWEEP_SHARDS }, (_, i) => entries.listShard(i)))
  ).flat();
  return all.filter((e) => e.farmId === farmId);
}

describe('createEventBridgeFarmScheduler', () => {
  const newFarm = () => ({ accountId: newId('account'), farmId: newId('farm') });

  it('ensure gives the farm a sweep entry looked at every tick, and no schedule of its own', async () => {
    const farm = newFarm();
    await farmScheduler.ensure(farm);

    expect(await entryOf(farm.farmId)).toEqual([{ ...farm, every: 1 }]);
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(0);
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(0);
  });

  it('ensure and remove delete the per-farm schedule made before the sweep (one already gone is success)', async () => {
    const farm = newFarm();
    scheduler.on(DeleteScheduleCommand).resolvesOnce({ $metadata: {} }).rejects(notFound());

    await farmScheduler.ensure(farm);
    await farmScheduler.remove(farm);

    expect(scheduler.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: farm.farmId, GroupName: GROUP },
      { Name: farm.farmId, GroupName: GROUP },
    ]);
    expect(await entryOf(farm.farmId)).toEqual([]);
  });

  it('ensure passes on a Scheduler error other than "not found"', async () => {
    scheduler.on(DeleteScheduleCommand).rejects(conflict());
    await expect(farmScheduler.ensure(newFarm())).rejects.toBeInstanceOf(ConflictException);
  });

  it('sweepEvery changes the cadence of an entry, and never brings back the entry of a removed farm', async () => {
    const farm = newFarm();
    await farmScheduler.ensure(farm);
    await farmScheduler.sweepEvery(farm, 5);
    expect(await entryOf(farm.farmId)).toEqual([{ ...farm, every: 5 }]);

    await farmScheduler.remove(farm);
    await farmScheduler.sweepEvery(farm, 1);
    expect(await entryOf(farm.farmId)).toEqual([]);
  });

  it('ensure of a farm swept rarely makes it swept every tick again (a resumed farm moves)', async () => {
    const farm = newFarm();
    await farmScheduler.ensure(farm);
    await farmScheduler.sweepEvery(farm, 5);
    await farmScheduler.ensure(farm);
    expect(await entryOf(farm.farmId)).toEqual([{ ...farm, every: 1 }]);
  });

  it('refuses a farm id that cannot name a schedule before deleting one', async () => {
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
