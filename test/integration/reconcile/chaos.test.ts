// Flaky clouds: both sandboxes throttle 30 % of calls and fail 10 % with a 5xx. The drivers'
// retries and the reconciler's passes must still converge — launch, heal a kill — without a
// duplicate launch, and leave no orphan once the weather clears (chaos-scenarios.ts; the private
// clouds run the same in private-cloud-chaos.test.ts).
import { afterAll, beforeAll, describe, it } from 'vitest';
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
});
