// The sandbox core's faults that act first and answer badly (sandbox/README.md), through the control
// API over HTTP and Drover's real drivers with retries off: a launch whose answer is lost has made
// its instance all the same, the same launch again (same server id: same ClientToken / requestId)
// finds that instance instead of making a second, and an armed state change reaches a listener twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsDriver } from '../../../functions/adapters/clouds/aws';
import { createGceDriver } from '../../../functions/adapters/clouds/gce';
import { DROVER_TAG_KEYS, type LaunchSpec } from '../../../functions/domain/clouds/launch-spec';
import { newId } from '../../../functions/domain/ids';
import type { CloudDriver } from '../../../functions/ports/cloud-driver';
import type { SandboxCloud, StateChange } from '../../../sandbox/core/sandbox-cloud';
import { Ec2Sandbox } from '../../../sandbox/ec2';
import { GceSandbox } from '../../../sandbox/gce';
import { until } from '../../support/converge';
import { accessKeyCredentials } from '../clouds/aws-credentials';
import { gceSandboxCredentials } from '../clouds/gce-credentials';

const TIMINGS = { bootMs: 60, shutdownMs: 60 };

const CLOUDS = [
  {
    name: 'ec2',
    sandbox: () => new Ec2Sandbox({ timings: TIMINGS }),
    driver: (url: string) => createAwsDriver(accessKeyCredentials(url), { maxAttempts: 1 }),
    place: {
      region: 'us-east-1',
      zone: 'us-east-1a',
      imageId: 'ami-0abcdef1234567890',
      instanceType: 't3.micro',
    },
    createCall: 'RunInstances',
  },
  {
    name: 'gce',
    sandbox: () => new GceSandbox({ timings: TIMINGS }),
    driver: (url: string) => createGceDriver(gceSandboxCredentials(url), { maxRetries: 0 }),
    place: {
      region: 'us-central1',
      zone: 'us-central1-a',
      imageId: 'projects/debian-cloud/global/images/family/debian-12',
      instanceType: 'e2-small',
    },
    createCall: 'instances.insert',
  },
] as const;

describe.each(CLOUDS)('the $name sandbox', (cloud) => {
  const sandbox: SandboxCloud = cloud.sandbox();
  let driver: CloudDriver & { close?: () => Promise<void> };
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

  const control = (path: string, body: unknown) =>
    fetch(`${sandbox.url}/_sandbox/${path}`, { method: 'POST', body: JSON.stringify(body) });

  const spec = (serverId: string): LaunchSpec => ({
    ...cloud.place,
    serverId,
    name: `lost-${serverId.slice(-6).toLowerCase()}`,
    volumes: [],
    tags: {
      [DROVER_TAG_KEYS.accountId]: 'acc-lost',
      [DROVER_TAG_KEYS.environmentId]: 'env-lost',
      [DROVER_TAG_KEYS.farmId]: 'farm-lost',
      [DROVER_TAG_KEYS.farmRoleId]: 'fr-lost',
      [DROVER_TAG_KEYS.serverId]: serverId,
    },
  });
  const instancesOf = (serverId: string) =>
    sandbox.instances().filter((i) => i.tags[DROVER_TAG_KEYS.serverId] === serverId);

  it.each(['gateway-timeout', 'connection-reset'] as const)(
    'acts on a launch whose answer is lost (%s), and the same launch again finds that instance',
    async (kind) => {
      expect((await control('lost-responses', { action: cloud.createCall, kind })).status).toBe(200);
      const serverId = newId('server');
      await expect(driver.launch(spec(serverId))).rejects.toThrow();
      expect(instancesOf(serverId), 'the launch acted before its answer was lost').toHaveLength(1);
      const again = await driver.launch(spec(serverId));
      expect(instancesOf(serverId).map((i) => i.instanceId)).toEqual([again.instanceId]);
    },
  );

  it('delivers an armed state change twice, then once again', async () => {
    // The armed duplicate goes to the sandbox's next state change, whoever's: an earlier test's
    // instance still booting would take it (seen under a full run's load).
    await until('earlier launches booted', () => sandbox.instances().every((i) => i.state !== 'pending'), {
      timeoutMs: 15_000,
    });
    expect((await control('duplicate-events', { count: 1 })).status).toBe(200);
    const serverId = newId('server');
    const { instanceId } = await driver.launch(spec(serverId));
    const heard = () =>
      changes.filter((c) => c.instance.instanceId === instanceId).map((c) => c.instance.state);
    // pending twice (the armed one), then running once.
    await until('heard the launch and the boot', () => heard().includes('running'), { timeoutMs: 15_000 });
    expect(heard()).toEqual(['pending', 'pending', 'running']);
  });

  it('refuses a bad request naming the field', async () => {
    const res = await control('lost-responses', { action: cloud.createCall, kind: 'sometimes' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('kind');
  });
});
