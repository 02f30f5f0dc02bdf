// A server that fails — its agent never says HostUp within the farm role's launch timeout — is
// marked Failed and its instance is terminated on the cloud, asserted on the sandboxes rather
// than assumed from the record: a Failed server whose instance kept running would be paid for and
// claimed by nothing. The agents here never report; a pass run with a clock past the timeout
// (the real reconciler, the real drivers, the real sandboxes) is what fails the servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileFarm } from '../../../functions/services/reconcile/reconcile-farm';
import type { LocalRuntime } from '../../../local/runtime';
import { farmSnapshot, until, untilFarm } from '../../support/converge';
import { refOf } from './chaos-scenarios';
import { instancesOf, launch, newDemoFarm, startReconcileRuntime } from './reconcile-world';

/** Past the default launch (900 s) and init (1,200 s) timeouts. */
const LATER_MS = 30 * 60_000;
const ENDED = new Set(['shutting-down', 'terminated']);

let rt: LocalRuntime;
beforeAll(async () => {
  // Agents that stay silent for the whole test.
  rt = await startReconcileRuntime({ agent: { hostInitDelayMs: 3_600_000, hostUpDelayMs: 3_600_000 } });
});
afterAll(() => rt?.stop());

describe('a server whose agent never reports HostUp', () => {
  it('is marked Failed once the launch timeout passes, and its instance is terminated on its cloud', async () => {
    const farm = await newDemoFarm(rt, 'failed');
    await launch(farm);
    // The first tier (web, 2 servers on EC2) launched, its instances running and recorded, waiting
    // for HostUp; the worker tier waits on it (launch order) and so never launches.
    const launched = await untilFarm(
      farm.api,
      farm.farmId,
      'launched the web tier, waiting for agents that never report',
      (snap) => snap.servers.filter((s) => s.instanceId !== null && s.status === 'Initializing').length === 2,
      { timeoutMs: 30_000 },
    );
    const waiting = launched.servers.filter((s) => s.status === 'Initializing');

    const later = { ...rt.deps, clock: { now: () => new Date(Date.now() + LATER_MS) } };
    await until(
      'a pass past the timeout applied (the runner may hold the lease)',
      async () => (await reconcileFarm(later, refOf(farm))).result === 'applied',
      { timeoutMs: 15_000 },
    );

    const after = await farmSnapshot(farm.api, farm.farmId);
    const failed = after.servers.filter((s) => waiting.some((w) => w.id === s.id));
    expect(failed.map((s) => s.status)).toEqual(waiting.map(() => 'Failed'));
    const instances = instancesOf(rt, farm.farmId);
    for (const server of waiting) {
      const instance = instances.find((i) => i.instanceId === server.instanceId);
      expect(instance?.state, `${server.farmRoleAlias} ${server.id}'s instance`).toSatisfy((state: string) =>
        ENDED.has(state),
      );
    }
  });
});
