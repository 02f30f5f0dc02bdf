// GceCloudDriver against the GCE sandbox, through the real @google-cloud/compute client:
// the shared CloudDriver contract, plus what is particular to GCE (labels, request ids,
// operations, credentials).
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGceDriver, type GceCloudDriver } from '../../../functions/adapters/clouds/gce';
import { DROVER_TAG_KEYS } from '../../../functions/domain/clouds/launch-spec';
import { newId } from '../../../functions/domain/ids';
import type { GceServiceAccountKey } from '../../../functions/domain/schemas/credentials';
import { CloudError } from '../../../functions/ports/cloud-driver';
import { GceSandbox, sandboxServiceAccountKey } from '../../../sandbox/gce';
import { describeCloudDriverContract } from './cloud-driver-contract';
import { gceSandboxCredentials, SANDBOX_PROJECT } from './gce-credentials';

const PROJECT = SANDBOX_PROJECT;
const credentialsFor = (sandbox: GceSandbox, key?: GceServiceAccountKey) =>
  gceSandboxCredentials(sandbox.url, key);

const GCE_EXTRAS = { gce: { network: 'default', networkTags: ['web'], externalIp: true } };

describeCloudDriverContract('GceCloudDriver', async () => {
  const sandbox = new GceSandbox();
  await sandbox.start();
  const driver = createGceDriver(credentialsFor(sandbox), { maxRetries: 0, pageSize: 5 });
  return {
    driver,
    sandbox,
    region: 'us-central1',
    zone: 'us-central1-a',
    imageId: 'projects/debian-cloud/global/images/family/debian-12',
    instanceType: 'e2-micro',
    launchExtras: GCE_EXTRAS,
    listPageSize: 5,
    listCallName: 'instances.aggregatedList',
    close: async () => {
      await driver.close();
      await sandbox.stop();
    },
  };
});

describe('GceCloudDriver on GCE specifics', () => {
  const sandbox = new GceSandbox({ timings: { bootMs: 40, shutdownMs: 40 } });
  let driver: GceCloudDriver;

  beforeAll(async () => {
    await sandbox.start();
    driver = createGceDriver(credentialsFor(sandbox), { maxRetries: 0 });
  });
  afterAll(async () => {
    await driver.close();
    await sandbox.stop();
  });

  function spec(tags: Record<string, string> = {}) {
    const serverId = newId('server');
    return {
      serverId,
      name: 'web 1',
      region: 'europe-west1',
      zone: 'europe-west1-b',
      imageId: 'projects/debian-cloud/global/images/family/debian-12',
      instanceType: 'n2-standard-2',
      volumes: [{ sizeGiB: 20, type: 'gp3', mountPoint: '/data', deleteOnTermination: false }],
      tags: {
        [DROVER_TAG_KEYS.accountId]: newId('account'),
        [DROVER_TAG_KEYS.farmId]: newId('farm'),
        [DROVER_TAG_KEYS.serverId]: serverId,
        ...tags,
      },
      ...GCE_EXTRAS,
    };
  }

  it('folds free-form tags into valid GCE labels and keeps Drover’s ids intact', async () => {
    const launched = await driver.launch(spec({ 'Cost Center': 'R&D 42', '9lives': 'Yes' }));
    expect(launched.tags).toMatchObject({ cost_center: 'r_d_42', t_9lives: 'yes' });
    expect(launched.serverId).toBe(launched.instanceId);
    expect(launched.imageId).toBe('projects/debian-cloud/global/images/family/debian-12');
    expect(launched.region).toBe('europe-west1');
  });

  it('returns the existing instance when one of the server’s name exists already (409 alreadyExists)', async () => {
    const s = spec();
    // Made outside the driver (no requestId): only the name ties it to the server.
    const made = await fetch(`${sandbox.url}/compute/v1/projects/${PROJECT}/zones/${s.zone}/instances`, {
      method: 'POST',
      headers: { authorization: 'Bearer console-token', 'content-type': 'application/json' },
      body: JSON.stringify({
        name: s.serverId,
        machineType: `zones/${s.zone}/machineTypes/e2-small`,
        disks: [{ boot: true, initializeParams: { sourceImage: s.imageId } }],
      }),
    });
    expect(made.status).toBe(200);

    const launched = await driver.launch(s);
    expect(launched).toMatchObject({ instanceId: s.serverId, instanceType: 'e2-small' });
    expect(sandbox.instances().filter((i) => i.instanceId === s.serverId)).toHaveLength(1);
    expect(sandbox.callCounts()['zoneOperations.wait']).toBeGreaterThan(0);
  });

  it('maps a failed insert operation to CapacityError and leaves no instance behind', async () => {
    sandbox.setFaults({ capacity: [{ zone: 'europe-west1-b', instanceType: 'n2-standard-2' }] });
    try {
      const s = spec();
      const err = await driver.launch(s).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CloudError);
      expect(err).toMatchObject({ kind: 'CapacityError', details: { code: 'ZONE_RESOURCE_POOL_EXHAUSTED' } });
      expect(sandbox.instances().some((i) => i.instanceId === s.serverId)).toBe(false);
      // Another zone of the region still has room.
      await expect(driver.launch({ ...spec(), zone: 'europe-west1-c' })).resolves.toMatchObject({
        zone: 'europe-west1-c',
      });
    } finally {
      sandbox.clearFaults();
    }
  });

  it('maps a request signed with a forged key to AuthError', async () => {
    const genuine = sandboxServiceAccountKey(sandbox.url, PROJECT);
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const forged = createGceDriver(credentialsFor(sandbox, { ...genuine, private_key: privateKey }), {
      maxRetries: 0,
    });
    const err = await forged
      .listInstances('us-central1', { accountId: newId('account') })
      .catch((e: unknown) => e);
    await forged.close();
    expect(err).toMatchObject({ kind: 'AuthError' });
  });

  it('maps an unknown zone to NotFound', async () => {
    const err = await driver.launch({ ...spec(), zone: 'europe-west1-z' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'NotFound' });
  });

  it('retries throttled calls itself when retries are on', async () => {
    let draws = 0;
    // Four throttled answers in a row, then the cloud answers normally.
    const flaky = new GceSandbox({ faults: { throttleShare: 0.5 }, random: () => (draws++ < 4 ? 0 : 1) });
    await flaky.start();
    const patient = createGceDriver(credentialsFor(flaky), { maxRetries: 4 });
    try {
      await expect(patient.listInstances('us-central1', { accountId: newId('account') })).resolves.toEqual(
        [],
      );
      expect(flaky.callCounts()['instances.aggregatedList']).toBe(5);
    } finally {
      await patient.close();
      await flaky.stop();
    }
  });

  it('describes machine types with their CPUs and memory', async () => {
    const types = await driver.describeInstanceTypes('europe-west1');
    expect(types).toContainEqual({ name: 'e2-micro', vcpus: 2, memoryMiB: 1024 });
    expect(new Set(types.map((t) => t.name)).size).toBe(types.length);
  });

  it('releases the ephemeral public IP on stop and gets a new one on start', async () => {
    const s = spec();
    const owner = { accountId: s.tags[DROVER_TAG_KEYS.accountId] as string };
    const ref = [{ instanceId: s.serverId, zone: s.zone }];
    await driver.launch(s);
    const until = async (state: string) => {
      for (;;) {
        const found = (await driver.listInstances(s.region, owner))[0];
        if (found?.state === state) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const running = await until('running');
    expect(running.publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    await driver.stop(s.region, ref);
    expect((await until('stopped')).publicIp).toBeNull();
    await driver.start(s.region, ref);
    expect((await until('running')).publicIp).not.toBe(running.publicIp);
  });
});
