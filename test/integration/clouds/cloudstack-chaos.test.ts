// The CloudStack driver on a flaky cloud: 30 % of calls throttled, 10 % failing with a 5xx, and
// deploy answers lost behind a 504 while the deploy happened. Three drivers (three reconciler
// processes) launch the same servers at once and try again after a failure, as the reconciler
// does; then every server is terminated. Afterwards: 0 duplicates (one VM per server id, ever)
// and 0 orphans (no VM without Drover's tags, nothing left live after the terminations).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudStackDriver } from '../../../functions/adapters/clouds/cloudstack';
import { DROVER_TAG_KEYS, type LaunchSpec } from '../../../functions/domain/clouds/launch-spec';
import type { ObservedInstance } from '../../../functions/domain/clouds/observed-instance';
import { newId } from '../../../functions/domain/ids';
import { type CloudDriver, CloudError } from '../../../functions/ports/cloud-driver';
import {
  CloudStackSandbox,
  DEBIAN_TEMPLATE_ID,
  SANDBOX_API_KEY,
  SANDBOX_SECRET_KEY,
} from '../../../sandbox/cloudstack';

const SERVERS = 15;
const ATTEMPTS = 30;

describe('CloudStackCloudDriver under chaos', () => {
  const sandbox = new CloudStackSandbox({ timings: { bootMs: 40, shutdownMs: 20 } });
  let drivers: CloudDriver[] = [];
  beforeAll(async () => {
    await sandbox.start();
    const keys = { endpoint: sandbox.apiUrl, apiKey: SANDBOX_API_KEY, secretKey: SANDBOX_SECRET_KEY };
    drivers = [1, 2, 3].map(() =>
      createCloudStackDriver(keys, { maxRetries: 3, pollMs: { first: 5, max: 40 } }),
    );
  });
  afterAll(() => sandbox.stop());

  /** Tries until the cloud lets it, as the reconciler's next pass would. */
  async function persist<T>(act: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await act();
      } catch (err) {
        if (attempt >= ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  }

  it('launches and terminates every server once, with 0 duplicates and 0 orphans', async () => {
    const accountId = newId('account');
    const farmId = newId('farm');
    const specs: LaunchSpec[] = Array.from({ length: SERVERS }, () => {
      const serverId = newId('server');
      return {
        serverId,
        name: serverId,
        region: 'zone-1',
        zone: 'zone-1',
        imageId: DEBIAN_TEMPLATE_ID,
        instanceType: 'Small Instance',
        volumes: [],
        tags: {
          [DROVER_TAG_KEYS.accountId]: accountId,
          [DROVER_TAG_KEYS.farmId]: farmId,
          [DROVER_TAG_KEYS.serverId]: serverId,
        },
        cloudstack: { networks: ['guest-net-1'], securityGroups: [] },
      };
    });
    sandbox.setFaults({ throttleShare: 0.3, errorShare: 0.1 });
    sandbox.loseResponses('deployVirtualMachine', 5);
    const launched: ObservedInstance[][] = await Promise.all(
      drivers.map((driver) => Promise.all(specs.map((spec) => persist(() => driver.launch(spec))))),
    );
    for (let i = 0; i < SERVERS; i++) {
      const ids = new Set(launched.map((byDriver) => byDriver[i]!.instanceId));
      expect(ids.size, `every launcher of ${specs[i]!.serverId} got the same VM`).toBe(1);
    }
    // One VM at a time; NotFound after a retry is the earlier attempt's success (it is gone).
    await Promise.all(
      launched[0]!.map((vm) =>
        persist(() =>
          drivers[0]!
            .terminate('zone-1', [{ instanceId: vm.instanceId, zone: 'zone-1' }])
            .catch((err: unknown) => {
              if (!(err instanceof CloudError && err.kind === 'NotFound')) throw err;
            }),
        ),
      ),
    );
    sandbox.clearFaults();

    const all = sandbox.instances();
    const untagged = all.filter((vm) => !vm.tags[DROVER_TAG_KEYS.serverId]);
    expect(untagged, 'orphans: VMs Drover cannot see').toEqual([]);
    for (const spec of specs)
      expect(
        all.filter((vm) => vm.tags[DROVER_TAG_KEYS.serverId] === spec.serverId),
        `duplicates of ${spec.serverId}`,
      ).toHaveLength(1);
    for (let i = 0; i < 100 && sandbox.instances().some((vm) => vm.state !== 'terminated'); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(
      sandbox.instances().filter((vm) => vm.state !== 'terminated'),
      'orphans: left running',
    ).toEqual([]);
    expect(
      (await drivers[1]!.listInstances('zone-1', { accountId, farmId })).every(
        (vm) => vm.state === 'terminated',
      ),
    ).toBe(true);
  });
});
