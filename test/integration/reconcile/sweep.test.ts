// The safety net as a sweep (issue 13), on both adapters, with real passes (dynalite, the sandbox
// clouds over HTTP): a farm's sweep entry is written on launch (every tick), its cadence moves to
// every N ticks once the farm is quiet on clouds that send events, and it is removed when the farm
// is Terminated. Locally the runner's sweep timer runs the passes; in AWS the sweep sends the due
// farms to the reconcile queue with the real SQS client (to the AWS stand-in: SQS has no local
// emulator) and the reconcile function's queue handler runs them, Scheduler mocked
// (aws-sdk-client-mock) for the per-farm schedule made before the sweep.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/client';
import { createTableIfMissing } from '../../../functions/adapters/dynamodb/create-table';
import { createSweepRepo } from '../../../functions/adapters/dynamodb/sweep-repo';
import { createEventBridgeFarmScheduler } from '../../../functions/adapters/scheduler/eventbridge-farm-scheduler';
import { createSqsFarmDispatch } from '../../../functions/adapters/sqs/sqs-farm-dispatch';
import { newId } from '../../../functions/domain/ids';
import { dueAtTick } from '../../../functions/domain/planning/sweep-cadence';
import { handleQueueBatch } from '../../../functions/handlers/reconcile';
import type { FarmRef } from '../../../functions/ports/farm-scheduler';
import { type FarmSweepEntries, SWEEP_SHARDS, type SweepEntry } from '../../../functions/ports/farm-sweep';
import { sweepDueFarms } from '../../../functions/services/reconcile/sweep-due-farms';
import type { LocalRuntime } from '../../../local/runtime';
import { type AwsStandIn, startAwsStandIn } from '../../support/aws-stand-in';
import { until, untilConverged } from '../../support/converge';
import { launch, newDemoFarm, startReconcileRuntime, type TestFarm } from './reconcile-world';

const QUIET_EVERY = 3;
const TICK_MS = 1_000;

let rt: LocalRuntime;
let entries: FarmSweepEntries;
let standIn: AwsStandIn;

beforeAll(async () => {
  rt = await startReconcileRuntime({ reconcileIntervalMs: TICK_MS, quietSweepEvery: QUIET_EVERY });
  entries = createSweepRepo(
    createDocumentClient({ tableName: rt.tableName, endpoint: rt.dynamoEndpoint }),
    rt.tableName,
  );
  standIn = await startAwsStandIn();
});
afterAll(async () => {
  await rt?.stop();
  await standIn?.stop();
});

async function allEntries(): Promise<SweepEntry[]> {
  return (await Promise.all(Array.from({ length: SWEEP_SHARDS }, (_, i) => entries.listShard(i)))).flat();
}

async function entryOf(farm: FarmRef): Promise<SweepEntry | undefined> {
  return (await allEntries()).find((e) => e.farmId === farm.farmId && e.accountId === farm.accountId);
}

const refOf = (farm: TestFarm): FarmRef => ({ accountId: farm.demo.accountId, farmId: farm.farmId });

describe('the sweep, locally', () => {
  let farm: TestFarm;

  it('gives a launched farm an entry swept every tick, and every N ticks once it is quiet on EC2 and GCE', async () => {
    farm = await newDemoFarm(rt, 'sweep-local');
    await launch(farm);
    expect(await entryOf(refOf(farm))).toMatchObject({ every: expect.any(Number) });
    await untilConverged(farm.api, farm.farmId);
    const quiet = await until(
      'the entry says quiet',
      async () => {
        const entry = await entryOf(refOf(farm));
        return entry?.every === QUIET_EVERY ? entry : undefined;
      },
      { timeoutMs: 45_000 },
    );
    expect(quiet).toEqual({ ...refOf(farm), every: QUIET_EVERY });
  }, 120_000);

  it('looks at the quiet farm every N ticks, not every tick', async () => {
    const swept = () =>
      rt.reconciler.outcomes.filter((o) => o.farmId === farm.farmId && o.reason === 'sweep').length;
    const before = swept();
    const ticks = 4 * QUIET_EVERY;
    const started = Date.now();
    await until('the ticks pass', () => Date.now() - started >= ticks * TICK_MS, { timeoutMs: 30_000 });
    const passes = swept() - before;
    // Every tick would be 12 passes; every third, 4 (one more or less at the window's edges, or
    // under load a tick late).
    expect(passes).toBeGreaterThanOrEqual(2);
    expect(passes).toBeLessThanOrEqual(5);
  }, 60_000);

  it('removes the entry when the farm is Terminated', async () => {
    expect((await farm.api.post(`/v1/farms/${farm.farmId}/terminate`)).status).toBe(202);
    await until('the entry is gone', async () => ((await entryOf(refOf(farm))) ? undefined : true), {
      timeoutMs: 30_000,
    });
    expect(rt.reconciler.hasSchedule(farm.farmId)).toBe(false);
  }, 60_000);
});

describe('the sweep, in AWS', () => {
  const schedulerClient = new SchedulerClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 't', secretAccessKey: 't' },
  });
  const schedulerApi = mockClient(schedulerClient);
  const inAws = () =>
    createEventBridgeFarmScheduler({
      groupName: 'drover-farms',
      targetArn: 'arn:aws:lambda:us-east-1:123456789012:function:drover-reconcile',
      roleArn: 'arn:aws:iam::123456789012:role/drover-scheduler',
      entries,
      client: schedulerClient,
    });
  const sqs = () =>
    new SQSClient({
      endpoint: standIn.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
  const sentBatches = () =>
    standIn.calls
      .filter((c) => c.operation === 'SQS.SendMessageBatch')
      .map((c) =>
        (c.body.Entries as { Id: string; MessageBody: string }[]).map((e) => JSON.parse(e.MessageBody)),
      );

  it('sends the farms due at this tick to the reconcile queue, ten to a request, with the cadence it saw', async () => {
    // A table of their own: the local runner's sweep would pass these made-up farms, find them
    // gone and remove their entries.
    const raw = new DynamoDBClient({
      endpoint: rt.dynamoEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await createTableIfMissing(raw, 'sweep-only');
    raw.destroy();
    const entries = createSweepRepo(
      createDocumentClient({ tableName: 'sweep-only', endpoint: rt.dynamoEndpoint }),
      'sweep-only',
    );
    const accountId = newId('account');
    const every = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5];
    const farms = every.map((n) => ({ accountId, farmId: newId('farm'), every: n }));
    for (const f of farms) await entries.put(f);
    const now = new Date();
    const tick = Math.round(now.getTime() / 60_000);

    const result = await sweepDueFarms({
      entries,
      dispatch: createSqsFarmDispatch({
        queueUrl: `${standIn.url}/000000000000/drover-reconcile`,
        client: sqs(),
      }),
      clock: { now: () => now },
      tickMs: 60_000,
    });

    const batches = sentBatches();
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(10);
    const mine = batches.flat().filter((r) => r.accountId === accountId);
    const due = farms.filter((f) => dueAtTick(f.farmId, f.every, tick));
    expect(mine.map((r) => r.farmId).sort()).toEqual(due.map((f) => f.farmId).sort());
    expect(
      mine.every(
        (r) => r.reason === 'sweep' && r.sweptEvery === farms.find((f) => f.farmId === r.farmId)!.every,
      ),
    ).toBe(true);
    // Every farm swept every tick, and about one in five of the others.
    expect(due.filter((f) => f.every === 1)).toHaveLength(12);
    expect(result.dispatched).toBeGreaterThanOrEqual(due.length);
    for (const f of farms) await entries.remove(f);
  });

  it('runs the swept passes from the queue; a quiet farm whose entry already holds its cadence writes nothing', async () => {
    const farm = await newDemoFarm(rt, 'sweep-aws');
    await launch(farm);
    await untilConverged(farm.api, farm.farmId);
    await until('the entry says quiet', async () => (await entryOf(refOf(farm)))?.every === QUIET_EVERY);
    // From here the AWS adapter's passes only: the local runner leaves the farm alone.
    await rt.reconciler.remove(refOf(farm));
    await entries.put({ ...refOf(farm), every: QUIET_EVERY });
    const writes: SweepEntry[] = [];
    const watched: FarmSweepEntries = {
      ...entries,
      setEvery: async (e) => {
        writes.push(e);
        await entries.setEvery(e);
      },
    };
    const scheduler = createEventBridgeFarmScheduler({
      groupName: 'drover-farms',
      targetArn: 'arn:aws:lambda:us-east-1:123456789012:function:drover-reconcile',
      roleArn: 'arn:aws:iam::123456789012:role/drover-scheduler',
      entries: watched,
      client: schedulerClient,
    });
    const deps = { ...rt.deps, scheduler };
    const record = (body: unknown) => ({ messageId: newId('farm'), body: JSON.stringify(body) });
    const context = { getRemainingTimeInMillis: () => 60_000 };

    const quiet = await handleQueueBatch(
      deps,
      [record({ ...refOf(farm), reason: 'sweep', sweptEvery: QUIET_EVERY })],
      context,
    );
    expect(quiet.batchItemFailures).toEqual([]);
    expect(writes).toEqual([]);

    // An entry that says "every tick" for a quiet farm is moved to its cadence by the pass.
    await entries.setEvery({ ...refOf(farm), every: 1 });
    const stale = await handleQueueBatch(
      deps,
      [record({ ...refOf(farm), reason: 'sweep', sweptEvery: 1 })],
      context,
    );
    expect(stale.batchItemFailures).toEqual([]);
    expect(writes).toEqual([{ ...refOf(farm), every: QUIET_EVERY }]);
    expect(await entryOf(refOf(farm))).toEqual({ ...refOf(farm), every: QUIET_EVERY });

    // A body that is no request is dropped, not retried.
    const junk = await handleQueueBatch(deps, [record({ accountId: 1 })], context);
    expect(junk.batchItemFailures).toEqual([]);
  }, 90_000);

  it('moves a farm still on its per-farm one-minute schedule to the sweep at its next pass', async () => {
    schedulerApi.reset();
    schedulerApi.on(DeleteScheduleCommand).resolves({ $metadata: {} });
    const farm = await newDemoFarm(rt, 'sweep-legacy');
    await launch(farm);
    await rt.reconciler.remove(refOf(farm));
    const ref = refOf(farm);
    const result = await handleQueueBatch(
      { ...rt.deps, scheduler: inAws() },
      [{ messageId: 'm-1', body: JSON.stringify({ ...ref, reason: 'schedule' }) }],
      { getRemainingTimeInMillis: () => 60_000 },
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(schedulerApi.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: farm.farmId, GroupName: 'drover-farms' },
    ]);
    expect(await entryOf(ref)).toMatchObject(ref);
  }, 60_000);

  it('removes the entry of a farm the sweep finds Terminated', async () => {
    const farm = await newDemoFarm(rt, 'sweep-ended');
    const ref = refOf(farm);
    await entries.put({ ...ref, every: 1 });
    const result = await handleQueueBatch(
      { ...rt.deps, scheduler: inAws() },
      [{ messageId: 'm-2', body: JSON.stringify({ ...ref, reason: 'sweep', sweptEvery: 1 }) }],
      { getRemainingTimeInMillis: () => 60_000 },
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(await entryOf(ref)).toBeUndefined();
  }, 60_000);
});
