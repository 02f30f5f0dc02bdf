// OpenStackCloudDriver against the OpenStack sandbox, through Drover's own OpenStack client over
// HTTP: the shared CloudDriver contract, plus what is particular to OpenStack (idempotency by
// name when Nova's answer is lost, the scheduler's "No valid host", token refresh, Retry-After,
// version discovery, application credentials).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOpenStackDriver,
  type OpenStackCloudDriver,
} from '../../../functions/adapters/clouds/openstack';
import type { OpenStackAuth } from '../../../functions/adapters/clouds/openstack/client';
import { DROVER_TAG_KEYS } from '../../../functions/domain/clouds/launch-spec';
import { newId } from '../../../functions/domain/ids';
import { CIRROS_IMAGE_ID, OpenStackSandbox } from '../../../sandbox/openstack';
import { describeCloudDriverContract } from './cloud-driver-contract';
import { instancesOfServer, specsOn } from './private-cloud-specs';

const PASSWORD: OpenStackAuth = {
  type: 'password',
  username: 'demo',
  password: 'secret',
  projectName: 'demo',
};
const OPENSTACK_EXTRAS = { openstack: { networks: ['private'], securityGroups: ['default'] } };

describeCloudDriverContract('OpenStackCloudDriver', async () => {
  const sandbox = new OpenStackSandbox();
  await sandbox.start();
  const driver = createOpenStackDriver(
    { authUrl: sandbox.authUrl, auth: PASSWORD },
    { maxRetries: 0, pageSize: 5 },
  );
  return {
    driver,
    sandbox,
    region: 'RegionOne',
    zone: 'az-2',
    imageId: CIRROS_IMAGE_ID,
    instanceType: 'm1.small',
    launchExtras: OPENSTACK_EXTRAS,
    listPageSize: 5,
    listCallName: 'servers.list',
    close: () => sandbox.stop(),
  };
});

describe('OpenStackCloudDriver on OpenStack specifics', () => {
  const sandbox = new OpenStackSandbox({ timings: { bootMs: 60, shutdownMs: 40 } });
  let driver: OpenStackCloudDriver;

  beforeAll(async () => {
    await sandbox.start();
    driver = createOpenStackDriver({ authUrl: sandbox.authUrl, auth: PASSWORD }, { maxRetries: 2 });
  });
  afterAll(() => sandbox.stop());

  const spec = specsOn({
    region: 'RegionOne',
    zone: 'nova',
    imageId: CIRROS_IMAGE_ID,
    instanceType: 'm1.tiny',
    ...OPENSTACK_EXTRAS,
  });
  const named = (serverId: string) => instancesOfServer(sandbox, serverId);

  it('adopts the server a lost create response made, instead of making a second one', async () => {
    const s = spec();
    sandbox.loseResponses('servers.create');
    // A single attempt: only the look by name after the 504 can find the server.
    const once = createOpenStackDriver({ authUrl: sandbox.authUrl, auth: PASSWORD }, { maxRetries: 0 });
    const before = sandbox.callCounts()['servers.create'] ?? 0;
    const launched = await once.launch(s);
    expect(launched.serverId).toBe(s.serverId);
    expect(named(s.serverId)).toHaveLength(1);
    expect((sandbox.callCounts()['servers.create'] ?? 0) - before).toBe(1);
  });

  it('never repeats a create by itself when its answer is lost, even with retries on', async () => {
    const s = spec();
    sandbox.loseResponses('servers.create');
    const before = sandbox.callCounts()['servers.create'] ?? 0;
    await driver.launch(s);
    expect((sandbox.callCounts()['servers.create'] ?? 0) - before).toBe(1);
    expect(named(s.serverId)).toHaveLength(1);
  });

  it('keeps the oldest and deletes the rest when two launchers made two servers of one name', async () => {
    const s = spec();
    const other = createOpenStackDriver({ authUrl: sandbox.authUrl, auth: PASSWORD }, { maxRetries: 0 });
    // Two processes, each with its own driver, launch the same server at the same moment.
    const [a, b] = await Promise.all([driver.launch(s), other.launch(s)]);
    expect(a.instanceId).toBe(b.instanceId);
    const live = () =>
      named(s.serverId).filter((i) => i.state !== 'terminated' && i.state !== 'shutting-down');
    for (let i = 0; i < 100 && live().length !== 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(live().map((i) => i.instanceId)).toEqual([a.instanceId]);
  });

  it('raises CapacityError for "No valid host was found" and leaves no server behind', async () => {
    sandbox.setFaults({ capacity: [{ zone: 'nova', instanceType: 'm1.tiny' }] });
    try {
      const s = spec();
      const err = await driver.launch(s).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'CapacityError', message: expect.stringMatching(/No valid host/) });
      for (let i = 0; i < 50 && named(s.serverId).some((x) => x.state !== 'terminated'); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(named(s.serverId).every((x) => x.state === 'terminated')).toBe(true);
    } finally {
      sandbox.clearFaults();
    }
  });

  it('tags servers with Drover’s ids for filtering and keeps every tag in the metadata', async () => {
    const s = spec();
    const launched = await driver.launch(s);
    expect(launched.tags).toMatchObject({ 'Cost Center': 'R&D, 42/b' });
    const listed = await driver.listInstances('RegionOne', {
      accountId: s.tags[DROVER_TAG_KEYS.accountId] as string,
    });
    expect(listed.map((i) => i.instanceId)).toEqual([launched.instanceId]);
    expect(listed[0]).toMatchObject({ imageId: CIRROS_IMAGE_ID, instanceType: 'm1.tiny', zone: 'nova' });
  });

  it('honours Retry-After on a throttled call and succeeds once the cloud answers', async () => {
    let draws = 0;
    const flaky = new OpenStackSandbox({
      faults: { throttleShare: 0.5 },
      random: () => (draws++ < 2 ? 0 : 1),
    });
    await flaky.start();
    try {
      const patient = createOpenStackDriver({ authUrl: flaky.authUrl, auth: PASSWORD }, { maxRetries: 3 });
      const started = Date.now();
      await expect(patient.listInstances('RegionOne', { accountId: newId('account') })).resolves.toEqual([]);
      // The sandbox's 429 says Retry-After: 1 — two of them mean at least two seconds.
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
      expect(flaky.callCounts()['servers.list']).toBe(3);
    } finally {
      await flaky.stop();
    }
  });

  it('authenticates again before the token expires', async () => {
    const shortLived = new OpenStackSandbox({ tokenTtlMs: 300 });
    await shortLived.start();
    try {
      const d = createOpenStackDriver(
        { authUrl: shortLived.authUrl, auth: PASSWORD },
        { maxRetries: 0, tokenRefreshMarginMs: 100 },
      );
      await d.listInstances('RegionOne', { accountId: newId('account') });
      await new Promise((r) => setTimeout(r, 350));
      await expect(d.listInstances('RegionOne', { accountId: newId('account') })).resolves.toEqual([]);
      expect(shortLived.callCounts().identity).toBeGreaterThanOrEqual(2);
      // Refreshed ahead of time: no call ever presented an expired token.
      expect(shortLived.recentCalls().filter((c) => c.status === 401)).toEqual([]);
    } finally {
      await shortLived.stop();
    }
  });

  it('signs in with an application credential', async () => {
    const d = createOpenStackDriver(
      { authUrl: sandbox.authUrl, auth: { type: 'applicationCredential', id: 'ac-1', secret: 's3cret' } },
      { maxRetries: 0 },
    );
    const locations = await d.describeLocations();
    expect(locations).toEqual([
      { region: 'RegionOne', zones: ['az-2', 'nova'] },
      { region: 'RegionTwo', zones: ['nova'] },
    ]);
  });

  it('maps a refused password (another domain) to AuthError', async () => {
    const d = createOpenStackDriver(
      { authUrl: sandbox.authUrl, auth: { ...PASSWORD, userDomain: 'Elsewhere' } as OpenStackAuth },
      { maxRetries: 0 },
    );
    await expect(d.describeLocations()).rejects.toMatchObject({
      kind: 'AuthError',
      details: { httpStatus: 401 },
    });
  });

  it('maps an unknown flavor and an unknown network to InvalidSpec', async () => {
    await expect(driver.launch(spec({ instanceType: 'm9.huge' }))).rejects.toMatchObject({
      kind: 'InvalidSpec',
    });
    await expect(
      driver.launch(spec({ openstack: { networks: ['nowhere'], securityGroups: [] } })),
    ).rejects.toMatchObject({ kind: 'InvalidSpec' });
  });

  it('lists flavors as instance types and Glance’s images, cirros among them', async () => {
    expect(await driver.describeInstanceTypes('RegionOne')).toContainEqual({
      name: 'm1.small',
      vcpus: 1,
      memoryMiB: 2048,
    });
    const images = await driver.describeImages('RegionOne');
    expect(images.map((i) => i.name)).toContain('cirros-0.6.2-x86_64-disk');
  });
});
