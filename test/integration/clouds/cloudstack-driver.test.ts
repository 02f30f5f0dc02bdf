// CloudStackCloudDriver against the CloudStack sandbox, through Drover's own signed client over
// HTTP: the shared CloudDriver contract, plus what is particular to CloudStack (idempotency by
// name when the deploy's answer is lost or a second launcher is refused, tags on before a launch
// returns, expunge refused, async job failures, POST for large user data, signature checks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CloudStackCloudDriver,
  createCloudStackDriver,
} from '../../../functions/adapters/clouds/cloudstack';
import { CloudStackClient } from '../../../functions/adapters/clouds/cloudstack/client/client';
import { listOf, Zone } from '../../../functions/adapters/clouds/cloudstack/client/wire';
import { DROVER_TAG_KEYS } from '../../../functions/domain/clouds/launch-spec';
import { newId } from '../../../functions/domain/ids';
import { CloudError } from '../../../functions/ports/cloud-driver';
import {
  CloudStackSandbox,
  DEBIAN_TEMPLATE_ID,
  SANDBOX_API_KEY,
  SANDBOX_SECRET_KEY,
} from '../../../sandbox/cloudstack';
import { describeCloudDriverContract } from './cloud-driver-contract';
import { instancesOfServer, specsOn } from './private-cloud-specs';

const EXTRAS = { cloudstack: { networks: ['guest-net-1'], securityGroups: ['default'] } };
const FAST_POLL = { first: 5, max: 50 };
const keys = (apiUrl: string) => ({
  endpoint: apiUrl,
  apiKey: SANDBOX_API_KEY,
  secretKey: SANDBOX_SECRET_KEY,
});

describeCloudDriverContract('CloudStackCloudDriver', async () => {
  const sandbox = new CloudStackSandbox();
  await sandbox.start();
  const driver = createCloudStackDriver(keys(sandbox.apiUrl), {
    maxRetries: 0,
    pageSize: 5,
    pollMs: FAST_POLL,
  });
  return {
    driver,
    sandbox,
    region: 'zone-1',
    zone: 'zone-1',
    imageId: DEBIAN_TEMPLATE_ID,
    instanceType: 'Small Instance',
    launchExtras: EXTRAS,
    listPageSize: 5,
    listCallName: 'listVirtualMachines',
    close: () => sandbox.stop(),
  };
});

describe('CloudStackCloudDriver on CloudStack specifics', () => {
  /** The fault dice: each throttle roll takes the next value (none left: never throttled). */
  const rolls: number[] = [];
  const sandbox = new CloudStackSandbox({
    timings: { bootMs: 60, shutdownMs: 40 },
    random: () => rolls.shift() ?? 1,
  });
  let driver: CloudStackCloudDriver;

  beforeAll(async () => {
    await sandbox.start();
    driver = createCloudStackDriver(keys(sandbox.apiUrl), { maxRetries: 2, pollMs: FAST_POLL });
  });
  afterAll(() => sandbox.stop());

  const spec = specsOn({
    region: 'zone-1',
    zone: 'zone-1',
    imageId: DEBIAN_TEMPLATE_ID,
    instanceType: 'Small Instance',
    ...EXTRAS,
  });
  const named = (serverId: string) => instancesOfServer(sandbox, serverId);
  const deploys = () => sandbox.callCounts().deployVirtualMachine ?? 0;

  it('adopts the VM a lost deploy response made, instead of making a second one', async () => {
    const s = spec();
    sandbox.loseResponses('deployVirtualMachine');
    const once = createCloudStackDriver(keys(sandbox.apiUrl), { maxRetries: 0, pollMs: FAST_POLL });
    const before = deploys();
    const launched = await once.launch(s);
    expect(launched.serverId).toBe(s.serverId);
    expect(launched.tags).toMatchObject({ 'Cost Center': 'R&D, 42/b' });
    expect(named(s.serverId)).toHaveLength(1);
    expect(deploys() - before).toBe(1);
  });

  it('adopts the VM of a second launcher the cloud refused as a duplicate name', async () => {
    const s = spec();
    const other = createCloudStackDriver(keys(sandbox.apiUrl), { maxRetries: 0, pollMs: FAST_POLL });
    const [a, b] = await Promise.all([driver.launch(s), other.launch(s)]);
    expect(a.instanceId).toBe(b.instanceId);
    expect(
      sandbox
        .instances()
        .filter((i) => i.tags[DROVER_TAG_KEYS.serverId] === s.serverId || i.instanceId === a.instanceId),
    ).toHaveLength(1);
  });

  it('returns a launched VM only with its tags on', async () => {
    const s = spec();
    const launched = await driver.launch(s);
    const inSandbox = sandbox.instances().find((i) => i.instanceId === launched.instanceId);
    expect(inSandbox?.tags).toEqual(s.tags);
  });

  it('raises CapacityError for a failed deploy job and leaves no VM behind', async () => {
    sandbox.setFaults({ capacity: [{ zone: 'zone-1', instanceType: 'Small Instance' }] });
    try {
      const s = spec();
      const err = await driver.launch(s).catch((e: unknown) => e);
      expect(err).toMatchObject({
        kind: 'CapacityError',
        message: expect.stringMatching(/Unable to create a deployment/),
      });
      for (
        let i = 0;
        i < 50 &&
        sandbox
          .instances()
          .some((x) => x.tags[DROVER_TAG_KEYS.serverId] === s.serverId && x.state !== 'terminated');
        i++
      )
        await new Promise((r) => setTimeout(r, 20));
      expect(named(s.serverId).every((x) => x.state === 'terminated')).toBe(true);
    } finally {
      sandbox.clearFaults();
    }
  });

  it('destroys without expunge when the account may not expunge, and reads Destroyed as terminated', async () => {
    const s = spec();
    const launched = await driver.launch(s);
    sandbox.mayExpunge = false;
    try {
      await driver.terminate('zone-1', [{ instanceId: launched.instanceId, zone: 'zone-1' }]);
      let state = '';
      for (let i = 0; i < 100 && state !== 'terminated'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        const listed = await driver.listInstances('zone-1', {
          accountId: s.tags[DROVER_TAG_KEYS.accountId]!,
        });
        state = listed.find((x) => x.instanceId === launched.instanceId)?.state ?? 'absent';
      }
      expect(state).toBe('terminated');
      expect(sandbox.instances().find((x) => x.instanceId === launched.instanceId)?.state).toBe('terminated');
    } finally {
      sandbox.mayExpunge = true;
    }
  });

  it('POSTs large user data, which a GET could not carry', async () => {
    const userData = `#!/bin/sh\n${'echo drover-agent-bootstrap\n'.repeat(200)}`;
    const launched = await driver.launch(spec({ userData }));
    expect(sandbox.instances().find((x) => x.instanceId === launched.instanceId)?.userData).toBe(userData);
  });

  it('maps an unknown template to InvalidSpec and an unknown service offering to InvalidSpec', async () => {
    await expect(driver.launch(spec({ imageId: 'no-such-template' }))).rejects.toMatchObject({
      kind: 'InvalidSpec',
    });
    await expect(driver.launch(spec({ instanceType: 'Huge Instance' }))).rejects.toMatchObject({
      kind: 'InvalidSpec',
    });
  });

  it('is refused with AuthError for a wrong secret or an expired request', async () => {
    const wrong = new CloudStackClient({
      ...keys(sandbox.apiUrl),
      secretKey: 'not-the-secret',
      maxRetries: 0,
    });
    const err = await wrong.call('listZones', {}, listOf('zone', Zone)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect(err).toMatchObject({ kind: 'AuthError', details: { httpStatus: 401 } });
    const expired = new CloudStackClient({ ...keys(sandbox.apiUrl), expiresInMs: -60_000, maxRetries: 0 });
    await expect(expired.call('listZones', {}, listOf('zone', Zone))).rejects.toMatchObject({
      kind: 'AuthError',
    });
    const right = new CloudStackClient({ ...keys(sandbox.apiUrl), maxRetries: 0 });
    await expect(right.call('listZones', {}, listOf('zone', Zone))).resolves.toMatchObject({ count: 2 });
  });

  it('retries a throttled list and succeeds once the cloud lets it', async () => {
    rolls.push(0, 0);
    sandbox.setFaults({ throttleShare: 0.5 });
    try {
      await expect(driver.listInstances('zone-1', { accountId: newId('account') })).resolves.toEqual([]);
      expect(sandbox.recentCalls().filter((c) => c.status === 429)).toHaveLength(2);
    } finally {
      sandbox.clearFaults();
    }
  });
});
