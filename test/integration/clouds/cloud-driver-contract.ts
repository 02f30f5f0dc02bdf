// The CloudDriver contract: one suite every driver must pass against its sandbox cloud.
// It speaks only through the CloudDriver port and the SandboxCloud interface, so the same
// expectations hold for EC2 and GCE (and later OpenStack/CloudStack). Each test makes its own
// account id, so tests never see each other's instances even though they share one sandbox.
//
// Usage (in `<platform>-driver.test.ts`):
//   describeCloudDriverContract('AwsCloudDriver', async () => ({ driver, sandbox, …, close }));
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DROVER_TAG_KEYS, type LaunchSpec } from '../../../functions/domain/clouds/launch-spec';
import type { InstanceState, ObservedInstance } from '../../../functions/domain/clouds/observed-instance';
import { newId } from '../../../functions/domain/ids';
import {
  type CloudDriver,
  CloudError,
  type CloudErrorKind,
  type InstanceFilter,
} from '../../../functions/ports/cloud-driver';
import type { SandboxCloud } from '../../../sandbox/core/sandbox-cloud';

export interface CloudDriverContractContext {
  /**
   * The driver under test, pointed at `sandbox`. It must make a single attempt per call
   * (no SDK retries), so that injected faults surface as CloudErrors.
   */
  driver: CloudDriver;
  sandbox: SandboxCloud;
  region: string;
  zone: string;
  imageId: string;
  instanceType: string;
  /** Platform extras every launch spec carries (`aws` or `gce` block). */
  launchExtras: Pick<LaunchSpec, 'aws' | 'gce' | 'openstack' | 'cloudstack'>;
  /** How many instances one list page holds (a knob on the driver or the sandbox); the suite launches more than two pages' worth. */
  listPageSize: number;
  /** The sandbox's callCounts() key for the list call, to check that one listInstances took several pages. */
  listCallName: string;
  close(): Promise<void>;
}

/** A malformed image reference on every platform (spaces and `!` are valid in no image id or URL). */
const MALFORMED_IMAGE = 'no such image!';
/** Well-formed on every platform (an EC2 id shape, a valid GCE name), but never launched. */
const UNKNOWN_INSTANCE = 'i-0123456789abcdef0';

const FAST = { bootMs: 50, shutdownMs: 50, terminatedRetentionMs: 60 * 60_000 };

export function describeCloudDriverContract(
  name: string,
  setup: () => Promise<CloudDriverContractContext>,
): void {
  describe(`${name} (CloudDriver contract)`, () => {
    let ctx: CloudDriverContractContext;

    beforeAll(async () => {
      ctx = await setup();
      ctx.sandbox.clearFaults();
      ctx.sandbox.setTimings(FAST);
    });
    afterAll(async () => {
      await ctx?.close();
    });
    afterEach(() => {
      ctx.sandbox.clearFaults();
      ctx.sandbox.setTimings(FAST);
    });

    /** A fresh tenant for one test: its own account, environment and farm ids. */
    function tenant() {
      return { accountId: newId('account'), environmentId: newId('environment'), farmId: newId('farm') };
    }

    function specFor(owner: ReturnType<typeof tenant>, overrides: Partial<LaunchSpec> = {}): LaunchSpec {
      const serverId = overrides.serverId ?? newId('server');
      const farmRoleId = 'fr-01jd7y9x2k0000000000000000';
      return {
        serverId,
        name: `web-${serverId.slice(-6)}`,
        region: ctx.region,
        zone: ctx.zone,
        imageId: ctx.imageId,
        instanceType: ctx.instanceType,
        volumes: [{ sizeGiB: 10, type: 'gp3', mountPoint: '/data', deleteOnTermination: true }],
        tags: {
          [DROVER_TAG_KEYS.accountId]: owner.accountId,
          [DROVER_TAG_KEYS.environmentId]: owner.environmentId,
          [DROVER_TAG_KEYS.farmId]: owner.farmId,
          [DROVER_TAG_KEYS.farmRoleId]: farmRoleId,
          [DROVER_TAG_KEYS.serverId]: serverId,
          team: 'payments',
        },
        ...ctx.launchExtras,
        ...overrides,
      };
    }

    async function list(filter: InstanceFilter): Promise<ObservedInstance[]> {
      return ctx.driver.listInstances(ctx.region, filter);
    }

    async function stateOf(owner: InstanceFilter, instanceId: string): Promise<InstanceState | 'absent'> {
      const found = (await list(owner)).find((i) => i.instanceId === instanceId);
      return found ? found.state : 'absent';
    }

    /** Polls the instance's state through listInstances until `done`, recording every distinct state seen. */
    async function watch(
      owner: InstanceFilter,
      instanceId: string,
      done: (s: InstanceState | 'absent') => boolean,
      timeoutMs = 10_000,
    ): Promise<(InstanceState | 'absent')[]> {
      const seen: (InstanceState | 'absent')[] = [];
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const state = await stateOf(owner, instanceId);
        if (seen.at(-1) !== state) seen.push(state);
        if (done(state)) return seen;
        if (Date.now() > deadline)
          throw new Error(`instance ${instanceId} stuck; states seen: ${seen.join(' → ')}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    }

    async function failure(promise: Promise<unknown>): Promise<CloudError> {
      try {
        await promise;
      } catch (err) {
        expect(err).toBeInstanceOf(CloudError);
        return err as CloudError;
      }
      throw new Error('expected the call to fail');
    }

    async function expectKind(promise: Promise<unknown>, kind: CloudErrorKind): Promise<void> {
      const err = await failure(promise);
      expect({ kind: err.kind, message: err.message }).toMatchObject({ kind });
    }

    const gone = (s: InstanceState | 'absent') => s === 'terminated' || s === 'absent';

    describe('launch', () => {
      it('launches an instance tagged with Drover ids and reports it normalised', async () => {
        const owner = tenant();
        const spec = specFor(owner, { userData: '#!/bin/sh\necho hello drover\n' });
        const launched = await ctx.driver.launch(spec);

        expect(launched).toMatchObject({
          platform: ctx.driver.platform,
          region: ctx.region,
          zone: ctx.zone,
          instanceType: ctx.instanceType,
          accountId: owner.accountId,
          environmentId: owner.environmentId,
          farmId: owner.farmId,
          farmRoleId: spec.tags[DROVER_TAG_KEYS.farmRoleId],
          serverId: spec.serverId,
        });
        expect(['pending', 'running']).toContain(launched.state);
        expect(launched.instanceId).toMatch(/\S/);
        expect(Number.isNaN(Date.parse(launched.launchedAt))).toBe(false);
        expect(launched.tags).toMatchObject({ team: 'payments', [DROVER_TAG_KEYS.serverId]: spec.serverId });

        const inSandbox = ctx.sandbox.instances().find((i) => i.instanceId === launched.instanceId);
        expect(inSandbox?.userData).toBe(spec.userData);
      });

      it('launches one instance however often the same server is launched', async () => {
        const owner = tenant();
        const spec = specFor(owner);
        const first = await ctx.driver.launch(spec);
        const again = await ctx.driver.launch(spec);
        const meanwhile = await Promise.all([ctx.driver.launch(spec), ctx.driver.launch(spec)]);

        expect(again.instanceId).toBe(first.instanceId);
        expect(meanwhile.map((i) => i.instanceId)).toEqual([first.instanceId, first.instanceId]);
        const listed = await list({ accountId: owner.accountId, serverId: spec.serverId });
        expect(listed.map((i) => i.instanceId)).toEqual([first.instanceId]);
        expect(
          ctx.sandbox.instances().filter((i) => i.tags[DROVER_TAG_KEYS.serverId] === spec.serverId),
        ).toHaveLength(1);
      });
    });

    describe('listInstances', () => {
      it('lists only the instances carrying the filter’s tags', async () => {
        const owner = tenant();
        const otherFarm = { ...owner, farmId: newId('farm') };
        const otherAccount = { ...tenant(), farmId: owner.farmId };
        const mine = await ctx.driver.launch(specFor(owner));
        const sibling = await ctx.driver.launch(specFor(otherFarm));
        const stranger = await ctx.driver.launch(specFor(otherAccount));

        const ids = async (f: InstanceFilter) => (await list(f)).map((i) => i.instanceId).sort();
        expect(await ids({ accountId: owner.accountId, farmId: owner.farmId })).toEqual([mine.instanceId]);
        expect(await ids({ accountId: owner.accountId })).toEqual(
          [mine.instanceId, sibling.instanceId].sort(),
        );
        expect(
          await ids({
            accountId: owner.accountId,
            environmentId: owner.environmentId,
            farmId: otherFarm.farmId,
          }),
        ).toEqual([sibling.instanceId]);
        expect(await ids({ accountId: otherAccount.accountId })).toEqual([stranger.instanceId]);
        expect(await ids({ accountId: newId('account') })).toEqual([]);
      });

      it('follows every page when more instances match than one page holds', async () => {
        const owner = tenant();
        const count = ctx.listPageSize * 2 + 1;
        const launched = await Promise.all(
          Array.from({ length: count }, () => ctx.driver.launch(specFor(owner))),
        );

        const before = ctx.sandbox.callCounts()[ctx.listCallName] ?? 0;
        const listed = await list({ accountId: owner.accountId, farmId: owner.farmId });
        const calls = (ctx.sandbox.callCounts()[ctx.listCallName] ?? 0) - before;

        expect(listed.map((i) => i.instanceId).sort()).toEqual(launched.map((i) => i.instanceId).sort());
        expect(calls).toBeGreaterThanOrEqual(3);
      });
    });

    describe('lifecycle', () => {
      it('observes pending → running → terminated through listInstances', async () => {
        ctx.sandbox.setTimings({ bootMs: 1_000, shutdownMs: 300 });
        const owner = tenant();
        const launched = await ctx.driver.launch(specFor(owner));

        const booting = await watch(owner, launched.instanceId, (s) => s === 'running');
        expect(booting).toEqual(['pending', 'running']);
        const running = (await list(owner)).find((i) => i.instanceId === launched.instanceId);
        expect(running?.privateIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

        await ctx.driver.terminate(ctx.region, [{ instanceId: launched.instanceId, zone: ctx.zone }]);
        const ending = await watch(owner, launched.instanceId, gone);
        for (const state of ending)
          expect(['running', 'stopping', 'shutting-down', 'terminated', 'absent']).toContain(state);
      });

      it('stops and starts an instance', async () => {
        const owner = tenant();
        const launched = await ctx.driver.launch(specFor(owner));
        const ref = [{ instanceId: launched.instanceId, zone: ctx.zone }];
        await watch(owner, launched.instanceId, (s) => s === 'running');

        await ctx.driver.stop(ctx.region, ref);
        await watch(owner, launched.instanceId, (s) => s === 'stopped');
        await ctx.driver.start(ctx.region, ref);
        await watch(owner, launched.instanceId, (s) => s === 'running');
        await ctx.driver.reboot(ctx.region, ref);
        await watch(owner, launched.instanceId, (s) => s === 'running');
      });

      it('sees an instance killed behind its back as gone', async () => {
        const owner = tenant();
        const launched = await ctx.driver.launch(specFor(owner));
        await watch(owner, launched.instanceId, (s) => s === 'running');

        expect(ctx.sandbox.kill(launched.instanceId)).toBe(true);
        await watch(owner, launched.instanceId, gone);
      });

      it('reports state changes to sandbox listeners', async () => {
        const owner = tenant();
        const changes: string[] = [];
        let instanceId = '';
        const unsubscribe = ctx.sandbox.onStateChange(({ instance, previous }) => {
          if (instance.instanceId === instanceId) changes.push(`${previous ?? 'none'}→${instance.state}`);
        });
        try {
          instanceId = (await ctx.driver.launch(specFor(owner))).instanceId;
          await watch(owner, instanceId, (s) => s === 'running');
        } finally {
          unsubscribe();
        }
        expect(changes).toContain('pending→running');
      });
    });

    describe('locations', () => {
      it('describes regions with their zones', async () => {
        const locations = await ctx.driver.describeLocations();
        expect(locations.find((l) => l.region === ctx.region)?.zones).toContain(ctx.zone);
      });

      it('describes the instance types of a region', async () => {
        const types = await ctx.driver.describeInstanceTypes(ctx.region);
        expect(types.map((t) => t.name)).toContain(ctx.instanceType);
      });
    });

    // Faults last: a throttled client may slow itself down for a while (adaptive retry modes).
    describe('faults', () => {
      it('maps a malformed image to InvalidSpec', async () => {
        await expectKind(ctx.driver.launch(specFor(tenant(), { imageId: MALFORMED_IMAGE })), 'InvalidSpec');
      });

      it('maps an unknown instance to NotFound', async () => {
        await expectKind(
          ctx.driver.terminate(ctx.region, [{ instanceId: UNKNOWN_INSTANCE, zone: ctx.zone }]),
          'NotFound',
        );
      });

      it('maps insufficient capacity for an instance type to CapacityError', async () => {
        ctx.sandbox.setFaults({ capacity: [{ instanceType: ctx.instanceType }] });
        await expectKind(ctx.driver.launch(specFor(tenant())), 'CapacityError');
      });

      it('maps insufficient capacity in a zone to CapacityError', async () => {
        ctx.sandbox.setFaults({ capacity: [{ zone: ctx.zone }] });
        await expectKind(ctx.driver.launch(specFor(tenant())), 'CapacityError');
      });

      it('maps server errors to Transient', async () => {
        ctx.sandbox.setFaults({ errorShare: 1 });
        await expectKind(list({ accountId: newId('account') }), 'Transient');
      });

      it('works again once faults are cleared', async () => {
        ctx.sandbox.setFaults({ errorShare: 1 });
        ctx.sandbox.clearFaults();
        await expect(list({ accountId: newId('account') })).resolves.toEqual([]);
      });

      it('maps throttling to Throttled', async () => {
        ctx.sandbox.setFaults({ throttleShare: 1 });
        await expectKind(list({ accountId: newId('account') }), 'Throttled');
      });
    });
  });
}
