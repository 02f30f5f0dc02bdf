// The sandbox core's contract (sandbox/README.md): every sandbox cloud, driven through its own
// wire protocol by Drover's real driver and SDK client, tells its state-change listeners the same
// transitions for the same lifecycle, and answers the `/_sandbox/` control API over HTTP in the
// same shapes with the same effects. A new cloud joins the table below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsDriver } from '../../../functions/adapters/clouds/aws';
import { createCloudStackDriver } from '../../../functions/adapters/clouds/cloudstack';
import { createGceDriver } from '../../../functions/adapters/clouds/gce';
import { createOpenStackDriver } from '../../../functions/adapters/clouds/openstack';
import { DROVER_TAG_KEYS, type LaunchSpec } from '../../../functions/domain/clouds/launch-spec';
import { newId } from '../../../functions/domain/ids';
import { type CloudDriver, CloudError } from '../../../functions/ports/cloud-driver';
import {
  API_PATH,
  CloudStackSandbox,
  DEBIAN_TEMPLATE_ID,
  SANDBOX_API_KEY,
  SANDBOX_SECRET_KEY,
} from '../../../sandbox/cloudstack';
import type { SandboxCloud, StateChange } from '../../../sandbox/core/sandbox-cloud';
import { Ec2Sandbox } from '../../../sandbox/ec2';
import { GceSandbox } from '../../../sandbox/gce';
import { CIRROS_IMAGE_ID, OpenStackSandbox } from '../../../sandbox/openstack';
import { accessKeyCredentials } from '../clouds/aws-credentials';
import { gceSandboxCredentials } from '../clouds/gce-credentials';

interface CloudUnderTest {
  sandbox: SandboxCloud;
  driver: (url: string) => CloudDriver & { close?: () => Promise<void> };
  place: Pick<LaunchSpec, 'region' | 'zone' | 'imageId' | 'instanceType' | 'aws' | 'gce'>;
  /** The cloud's own name for the list call, as callCounts() and `GET /_sandbox/calls` key it. */
  listCall: string;
}

const TIMINGS = { bootMs: 60, shutdownMs: 60, terminatedRetentionMs: 60 * 60_000 };

const CLOUDS: [string, () => CloudUnderTest][] = [
  [
    'ec2',
    () => ({
      sandbox: new Ec2Sandbox({ timings: TIMINGS }),
      driver: (url) => createAwsDriver(accessKeyCredentials(url), { maxAttempts: 1 }),
      place: {
        region: 'us-east-1',
        zone: 'us-east-1a',
        imageId: 'ami-0abcdef1234567890',
        instanceType: 't3.micro',
      },
      listCall: 'DescribeInstances',
    }),
  ],
  [
    'gce',
    () => ({
      sandbox: new GceSandbox({ timings: TIMINGS }),
      driver: (url) => createGceDriver(gceSandboxCredentials(url), { maxRetries: 0 }),
      place: {
        region: 'us-central1',
        zone: 'us-central1-a',
        imageId: 'projects/debian-cloud/global/images/family/debian-12',
        instanceType: 'e2-micro',
        gce: { network: 'default', networkTags: [], externalIp: false },
      },
      listCall: 'instances.aggregatedList',
    }),
  ],
  [
    'openstack',
    () => ({
      sandbox: new OpenStackSandbox({ timings: TIMINGS }),
      driver: (url) =>
        createOpenStackDriver(
          {
            authUrl: `${url}/identity/v3`,
            auth: { type: 'password', username: 'demo', password: 'demo', projectName: 'demo' },
          },
          { maxRetries: 0 },
        ),
      place: { region: 'RegionOne', zone: 'nova', imageId: CIRROS_IMAGE_ID, instanceType: 'm1.tiny' },
      listCall: 'servers.list',
    }),
  ],
  [
    'cloudstack',
    () => ({
      sandbox: new CloudStackSandbox({ timings: TIMINGS }),
      driver: (url) =>
        createCloudStackDriver(
          { endpoint: `${url}${API_PATH}`, apiKey: SANDBOX_API_KEY, secretKey: SANDBOX_SECRET_KEY },
          { maxRetries: 0, pollMs: { first: 5, max: 50 } },
        ),
      place: {
        region: 'zone-1',
        zone: 'zone-1',
        imageId: DEBIAN_TEMPLATE_ID,
        instanceType: 'Small Instance',
      },
      listCall: 'listVirtualMachines',
    }),
  ],
];

/** The lifecycle every cloud walks through, as `previous→state` (a launch starts from `none`). */
const LIFECYCLE = [
  'none→pending',
  'pending→running',
  'running→stopping',
  'stopping→stopped',
  'stopped→pending',
  'pending→running',
  'running→shutting-down',
  'shutting-down→terminated',
];

describe.each(CLOUDS)('the %s sandbox keeps the core contract', (_kind, make) => {
  const cloud = make();
  const { sandbox, place } = cloud;
  let driver: ReturnType<CloudUnderTest['driver']>;
  const changes: StateChange[] = [];

  beforeAll(async () => {
    await sandbox.start();
    driver = cloud.driver(sandbox.url);
    sandbox.onStateChange((change) => changes.push(change));
  });
  afterAll(async () => {
    await driver?.close?.();
    await sandbox.stop();
  });

  const transitionsOf = (instanceId: string) =>
    changes
      .filter((c) => c.instance.instanceId === instanceId)
      .map((c) => `${c.previous ?? 'none'}→${c.instance.state}`);

  /** Waits until the instance's listeners have heard `count` transitions. */
  async function heard(instanceId: string, count: number): Promise<string[]> {
    const deadline = Date.now() + 15_000;
    while (transitionsOf(instanceId).length < count && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    return transitionsOf(instanceId);
  }

  async function launch(): Promise<string> {
    const serverId = newId('server');
    const launched = await driver.launch({
      ...place,
      serverId,
      name: `core-${serverId.slice(-6).toLowerCase()}`,
      volumes: [],
      tags: {
        [DROVER_TAG_KEYS.accountId]: newId('account'),
        [DROVER_TAG_KEYS.environmentId]: newId('environment'),
        [DROVER_TAG_KEYS.farmId]: newId('farm'),
        [DROVER_TAG_KEYS.farmRoleId]: newId('farmRole'),
        [DROVER_TAG_KEYS.serverId]: serverId,
      },
    });
    return launched.instanceId;
  }

  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}/_sandbox/${path}`, {
      method,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };

  it('tells the same transitions for launch, stop, start and terminate through the cloud API', async () => {
    const instanceId = await launch();
    const ref = [{ instanceId, zone: place.zone }];
    expect(await heard(instanceId, 2)).toEqual(LIFECYCLE.slice(0, 2));
    await driver.stop(place.region, ref);
    expect(await heard(instanceId, 4)).toEqual(LIFECYCLE.slice(0, 4));
    await driver.start(place.region, ref);
    expect(await heard(instanceId, 6)).toEqual(LIFECYCLE.slice(0, 6));
    await driver.terminate(place.region, ref);
    expect(await heard(instanceId, 8)).toEqual(LIFECYCLE);
  });

  it('kills an instance through the control API with the transitions of a termination', async () => {
    const instanceId = await launch();
    await heard(instanceId, 2);
    expect(await control('POST', `instances/${encodeURIComponent(instanceId)}/kill`)).toEqual({
      status: 200,
      json: { killed: instanceId },
    });
    expect(await heard(instanceId, 4)).toEqual([...LIFECYCLE.slice(0, 2), ...LIFECYCLE.slice(6)]);
    const listed = (await control('GET', 'instances')).json as { instanceId: string; state: string }[];
    expect(listed.find((i) => i.instanceId === instanceId)?.state).toBe('terminated');
    expect((await control('POST', 'instances/never-was/kill')).status).toBe(404);
  });

  it('injects, reports and clears faults through the control API, and counts the calls they hit', async () => {
    const set = await control('PUT', 'faults', { throttleShare: 1 });
    expect(set).toEqual({
      status: 200,
      json: { throttleShare: 1, errorShare: 0, capacity: [], latencyMs: 0 },
    });
    const refused = await driver.listInstances(place.region, { accountId: newId('account') }).catch((e) => e);
    expect(refused).toBeInstanceOf(CloudError);
    expect((refused as CloudError).kind).toBe('Throttled');
    expect((await control('DELETE', 'faults')).status).toBe(204);
    await expect(driver.listInstances(place.region, { accountId: newId('account') })).resolves.toEqual([]);

    const { counts, recent } = (await control('GET', 'calls')).json;
    expect(counts[cloud.listCall]).toBeGreaterThanOrEqual(2);
    const lists = recent.filter((c: { action: string }) => c.action === cloud.listCall);
    expect(lists.at(-2)).toMatchObject({ status: expect.any(Number), code: expect.any(String) });
    expect(lists.at(-2).status).toBeGreaterThanOrEqual(400);
    expect(lists.at(-1)).toMatchObject({ status: 200 });
  });

  it('refuses a malformed fault or timing patch with the field that is wrong, changing nothing', async () => {
    const bad = await control('PUT', 'faults', { errorShare: 2 });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain('errorShare');
    expect((await control('PUT', 'timings', { bootMs: -1 })).status).toBe(400);
    expect((await control('PUT', 'faults', { surprise: true })).status).toBe(400);
    expect(sandbox.faults().errorShare).toBe(0);
    expect((await control('PUT', 'timings', { shutdownMs: 70 })).json).toEqual({
      ...TIMINGS,
      shutdownMs: 70,
    });
    sandbox.setTimings(TIMINGS);
  });
});
