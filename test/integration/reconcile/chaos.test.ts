// Flaky clouds: both sandboxes throttle 30 % of calls and fail 10 % with a 5xx. The drivers'
// retries and the reconciler's passes must still converge — launch, heal a kill — without a
// duplicate launch, and leave no orphan once the weather clears (chaos-scenarios.ts; the private
// clouds run the same in private-cloud-chaos.test.ts). Launches that act and then lose their answer
// (a 504, a reset connection) and state changes delivered twice make idempotency carry the test:
// EC2's ClientToken and GCE's requestId derived from the server id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { convergesInWeather } from './chaos-scenarios';
import { newDemoFarm, startReconcileRuntime } from './reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterAll(() => rt?.stop());

describe('a farm on clouds that throttle 30 % and fail 10 % of calls', () => {
  it('launches, heals a killed instance, and ends with no duplicate and no orphan', async () => {
    const farm = await newDemoFarm(rt, 'chaos');
    const { ec2, gce } = rt.sandboxes;
    await convergesInWeather(rt, farm, { clouds: [ec2, gce], victim: { alias: 'web', cloud: ec2 }, live: 3 });
  });

  it('whose launches act and then lose their answer, and whose state changes arrive twice, still launches each server once', async () => {
    const farm = await newDemoFarm(rt, 'lost');
    const { ec2, gce } = rt.sandboxes;
    ec2.loseResponses('RunInstances', 1, 'gateway-timeout');
    ec2.loseResponses('RunInstances', 1, 'connection-reset');
    gce.loseResponses('instances.insert', 1, 'connection-reset');
    gce.loseResponses('instances.insert', 1, 'gateway-timeout');
    ec2.duplicateStateChanges(20);
    gce.duplicateStateChanges(20);
    await convergesInWeather(rt, farm, { clouds: [ec2, gce], victim: { alias: 'web', cloud: ec2 }, live: 3 });
    expect([...ec2.lostResponses(), ...gce.lostResponses()], 'the lost answers happened').toEqual([
      'RunInstances',
      'RunInstances',
      'instances.insert',
      'instances.insert',
    ]);
  });
});
