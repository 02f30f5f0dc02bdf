// The scenario the private clouds' farm role tests share (OpenStack, CloudStack): a farm of one
// farm role `app` (min 2) launched although the cloud's answer to the first create is lost, healed
// when an instance is removed behind Drover's back under 30 % throttling and 10 % 5xx, converged
// with no orphan and no duplicate, and terminated to zero.
import { expect } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import type { SandboxCloud } from '../../../sandbox/core/sandbox-cloud';
import { untilConverged, untilFarm } from '../../support/converge';
import {
  expectCloudMatchesRecords,
  FAST_PLAN,
  launch,
  liveInstancesOf,
  liveServers,
  type TestFarm,
} from './reconcile-world';

/** `loseFirstCreate` arms the sandbox so the first create is carried out and its answer lost. */
export async function launchHealTerminate(
  rt: LocalRuntime,
  farm: TestFarm,
  cloud: Pick<SandboxCloud, 'setFaults' | 'clearFaults' | 'kill'>,
  loseFirstCreate: () => void,
): Promise<void> {
  loseFirstCreate();
  await launch(farm);
  const launched = await untilConverged(farm.api, farm.farmId, { timeoutMs: 60_000 });
  expect(liveServers(launched.servers, 'app').map((s) => s.status)).toEqual(['Running', 'Running']);
  await expectCloudMatchesRecords(rt, farm);

  const victim = liveServers(launched.servers, 'app')[0]!;
  cloud.setFaults({ throttleShare: 0.3, errorShare: 0.1 });
  try {
    expect(cloud.kill(victim.instanceId!)).toBe(true);
    await untilFarm(
      farm.api,
      farm.farmId,
      'replaced the removed instance',
      (snap) =>
        snap.servers.find((s) => s.id === victim.id)?.status === 'Terminated' &&
        snap.servers.some((s) => s.replacesServerId === victim.id && s.status === 'Running'),
      { timeoutMs: 60_000 },
    );
  } finally {
    cloud.clearFaults();
  }
  await new Promise((resolve) => setTimeout(resolve, FAST_PLAN.orphanGraceMs + 500));
  const settled = await untilConverged(farm.api, farm.farmId);
  expect(liveServers(settled.servers, 'app')).toHaveLength(2);
  expect(liveInstancesOf(rt, farm.farmId)).toHaveLength(2);
  await expectCloudMatchesRecords(rt, farm);

  const res = await farm.api.post(`/v1/farms/${farm.farmId}/terminate`);
  expect(res.status).toBe(202);
  await untilFarm(farm.api, farm.farmId, 'terminated', (snap) => snap.status.status === 'Terminated');
  expect(liveInstancesOf(rt, farm.farmId)).toEqual([]);
}
