// A farm role on the OpenStack sandbox, reconciled as `npm start` runs it: launched to its count
// although Nova's answer to the first create is lost (a 504 after the server was made), healed when
// a server is deleted behind Drover's back, converging under throttling and 5xx, and terminated —
// with no duplicate launch and no orphan at any step.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { OPENSTACK } from './private-cloud-farms';
import { launchHealTerminate } from './private-cloud-scenario';
import { startReconcileRuntime } from './reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterAll(() => rt?.stop());

describe('a farm role on OpenStack', () => {
  it('launches despite a lost create response, heals a deleted server, converges under faults, and terminates', async () => {
    const farm = await OPENSTACK.newFarm(rt, 'openstack');
    const openstack = OPENSTACK.sandbox(rt);
    await launchHealTerminate(rt, farm, openstack, () => openstack.loseResponses(OPENSTACK.createCall));
  });
});
