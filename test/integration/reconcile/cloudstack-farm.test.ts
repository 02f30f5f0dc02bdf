// A farm role on the CloudStack sandbox, reconciled as `npm start` runs it: launched to its count
// although the answer to the first deployVirtualMachine is lost (a 504 after the VM was made: the
// deploy by name adopts it), healed when a VM is destroyed behind Drover's back, converging under
// throttling and 5xx, and terminated — with no duplicate launch and no orphan at any step.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { CLOUDSTACK } from './private-cloud-farms';
import { launchHealTerminate } from './private-cloud-scenario';
import { startReconcileRuntime } from './reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterAll(() => rt?.stop());

describe('a farm role on CloudStack', () => {
  it('launches despite a lost deploy response, heals a destroyed VM, converges under faults, and terminates', async () => {
    const farm = await CLOUDSTACK.newFarm(rt, 'cloudstack');
    const cloudstack = CLOUDSTACK.sandbox(rt);
    await launchHealTerminate(rt, farm, cloudstack, () => cloudstack.loseResponses(CLOUDSTACK.createCall));
  });
});
