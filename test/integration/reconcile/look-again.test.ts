// The scheduling contract, "look at this farm again at T", on both adapters: a pass whose
// launches found no capacity holds the farm role and asks for a look when the hold or the plan's
// deadline ends (as a throttled pass asks for one 10 s later), and that is what each
// FarmScheduler arranges —
// EventBridge Scheduler a one-time at() schedule that deletes itself (the SDK client's calls
// checked with aws-sdk-client-mock, Scheduler having no local emulator), the local runtime a
// timer that runs the pass then. The passes are real: dynalite, the sandbox clouds over HTTP.
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/client';
import { createSweepRepo } from '../../../functions/adapters/dynamodb/sweep-repo';
import { createEventBridgeFarmScheduler } from '../../../functions/adapters/scheduler/eventbridge-farm-scheduler';
import type { FarmRef, FarmScheduler } from '../../../functions/ports/farm-scheduler';
import {
  LAMBDA_INVOCATION_LIMITS,
  reconcileInvocation,
} from '../../../functions/services/reconcile/reconcile-invocation';
import type { LocalRuntime } from '../../../local/runtime';
import { apiClient } from '../../support/api-client';
import { until } from '../../support/converge';
import { startTestRuntime } from '../../support/local-runtime';

const client = new SchedulerClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 't', secretAccessKey: 't' },
});
const schedulerApi = mockClient(client);
let inAws: FarmScheduler;
let rt: LocalRuntime;
let farm: FarmRef;

beforeAll(async () => {
  rt = await startTestRuntime();
  inAws = createEventBridgeFarmScheduler({
    groupName: 'drover-farms',
    targetArn: 'arn:aws:lambda:us-east-1:123456789012:function:drover-reconcile',
    roleArn: 'arn:aws:iam::123456789012:role/drover-scheduler',
    // The sweep's entries on the runtime's table (the safety net; this file asks only for looks).
    entries: createSweepRepo(
      createDocumentClient({ tableName: rt.tableName, endpoint: rt.dynamoEndpoint }),
      rt.tableName,
    ),
    client,
  });
  farm = { accountId: rt.demo.accountId, farmId: rt.demo.farmId };
  // This file's passes are its own: no pass on bus events, no safety net.
  rt.bus.route('reconcile', () => {});
  expect((await apiClient(rt.apiUrl, rt.demo.token).post(`/v1/farms/${farm.farmId}/launch`)).status).toBe(
    202,
  );
  await rt.reconciler.remove(farm);
  await rt.reconciler.idle();
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

beforeEach(() => {
  schedulerApi.reset();
  schedulerApi.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule', $metadata: {} });
});

describe('look at this farm again at T', () => {
  it('in AWS: the look the last pass asks for is a one-time at() schedule then, which deletes itself', async () => {
    rt.sandboxes.ec2.setFaults({ capacity: [{}] });
    let invocation: Awaited<ReturnType<typeof reconcileInvocation>>;
    const before = Date.now();
    try {
      invocation = await reconcileInvocation(
        { ...rt.deps, scheduler: inAws },
        { kind: 'farm', ...farm, reason: 'test' },
        () => 60_000,
      );
    } finally {
      rt.sandboxes.ec2.clearFaults();
    }
    // Launch attempts with follow-ups 2 s apart stay in the invocation; a look further off (the
    // capacity hold's end, the plan's deadline) is left to the scheduler.
    const asked = invocation!.lookAgain!;
    expect(['capacity-hold', 'deadline']).toContain(asked.reason);
    expect(asked.at.getTime()).toBeGreaterThan(before + LAMBDA_INVOCATION_LIMITS.maxFollowUpMs);
    const calls = schedulerApi.commandCalls(CreateScheduleCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input).toMatchObject({
      GroupName: 'drover-farms',
      ScheduleExpression: `at(${asked.at.toISOString().slice(0, 19)})`,
      ActionAfterCompletion: 'DELETE',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: expect.stringContaining(':function:drover-reconcile') },
    });
    expect(JSON.parse(input.Target!.Input!)).toEqual({ ...farm, reason: `look-again:${asked.reason}` });
  });

  it('in AWS: asking twice for the same moment is one schedule (a conflict is success)', async () => {
    schedulerApi.reset();
    const at = new Date(Date.now() + 30_000);
    schedulerApi
      .on(CreateScheduleCommand)
      .resolvesOnce({ ScheduleArn: 'arn:schedule', $metadata: {} })
      .rejects(Object.assign(new Error('Schedule already exists.'), { name: 'ConflictException' }));
    await inAws.lookAgainAt(farm, at, 'deadline');
    await inAws.lookAgainAt(farm, at, 'deadline');
    const names = schedulerApi.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input.Name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(1);
  });

  it('locally: the runner keeps the look a pass asks for, and a look asked for runs its pass then', async () => {
    const before = Date.now();
    rt.reconciler.request(farm, 'test');
    await until('the pass', () => rt.reconciler.outcomes.some((o) => o.reason === 'test'));
    await rt.reconciler.idle();
    // The capacity hold of the test above is still on: the pass asks for its end (or a follow-up).
    const wait = rt.reconciler.outcomes.find((o) => o.reason === 'test')!.outcome.recheckAfterMs!;
    expect(wait).toBeGreaterThan(0);
    const next = rt.reconciler.nextLookAt(farm.farmId)!;
    expect(next).toBeGreaterThanOrEqual(before + wait);
    expect(next).toBeLessThanOrEqual(Date.now() + Math.max(wait, 250));

    const asked = Date.now();
    await rt.reconciler.lookAgainAt(farm, new Date(asked + 400), 'asked-for');
    await until('the pass asked for', () => rt.reconciler.outcomes.some((o) => o.reason === 'asked-for'), {
      timeoutMs: 5_000,
      intervalMs: 20,
    });
    expect(Date.now() - asked).toBeGreaterThanOrEqual(380);
  }, 30_000);
});
