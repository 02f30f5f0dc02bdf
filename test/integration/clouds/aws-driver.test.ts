// The AWS driver, with the real @aws-sdk/client-ec2, against the EC2 sandbox: the shared
// CloudDriver contract, then what is particular to EC2 (client tokens, block devices,
// network interfaces, assumed roles).
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsDriver } from '../../../functions/adapters/clouds/aws';
import { DROVER_TAG_KEYS, type LaunchSpec } from '../../../functions/domain/clouds/launch-spec';
import { newId } from '../../../functions/domain/ids';
import { CloudError } from '../../../functions/ports/cloud-driver';
import { Ec2Sandbox, REGIONS } from '../../../sandbox/ec2';
import { accessKeyCredentials, assumeRoleCredentials, SANDBOX_MASTER_CREDENTIALS } from './aws-credentials';
import { describeCloudDriverContract } from './cloud-driver-contract';

const IMAGE = 'ami-0abcdef1234567890';
const usEast1 = REGIONS.find((r) => r.region === 'us-east-1')!;

describeCloudDriverContract('AwsCloudDriver', async () => {
  const sandbox = new Ec2Sandbox({ timings: { bootMs: 50, shutdownMs: 50 } });
  await sandbox.start();
  const driver = createAwsDriver(accessKeyCredentials(sandbox.url), { maxAttempts: 1, pageSize: 5 });
  return {
    driver,
    sandbox,
    region: 'us-east-1',
    zone: 'us-east-1b',
    imageId: IMAGE,
    instanceType: 't3.micro',
    launchExtras: {},
    listPageSize: 5,
    listCallName: 'DescribeInstances',
    close: () => sandbox.stop(),
  };
});

describe('AwsCloudDriver on EC2 specifics', () => {
  const sandbox = new Ec2Sandbox({ timings: { bootMs: 50, shutdownMs: 50 } });
  let ec2: EC2Client;

  beforeAll(async () => {
    await sandbox.start();
    ec2 = new EC2Client({
      endpoint: sandbox.url,
      region: 'us-west-2',
      credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'test-secret' },
    });
  });
  afterAll(async () => {
    ec2.destroy();
    await sandbox.stop();
  });

  function spec(overrides: Partial<LaunchSpec> = {}): LaunchSpec {
    const serverId = newId('server');
    return {
      serverId,
      name: 'db-1',
      region: 'us-west-2',
      zone: 'us-west-2c',
      imageId: IMAGE,
      instanceType: 'm5.large',
      volumes: [
        { sizeGiB: 50, type: 'gp3', mountPoint: '/data', deleteOnTermination: true },
        { sizeGiB: 100, type: 'io2', iops: 3000, mountPoint: '/logs', deleteOnTermination: false },
      ],
      tags: { [DROVER_TAG_KEYS.accountId]: newId('account'), [DROVER_TAG_KEYS.serverId]: serverId },
      ...overrides,
    };
  }

  async function described(instanceId: string) {
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    return out.Reservations![0]!.Instances![0]!;
  }

  it('derives the ClientToken from the server id and tags the instance with its Name', async () => {
    const driver = createAwsDriver(accessKeyCredentials(sandbox.url), { maxAttempts: 1 });
    const s = spec();
    const launched = await driver.launch(s);
    const instance = await described(launched.instanceId);
    expect(instance.ClientToken).toBe(`drover-${s.serverId}`);
    expect(instance.Tags).toEqual(expect.arrayContaining([{ Key: 'Name', Value: 'db-1' }]));
  });

  it('maps data volumes to /dev/sdf, /dev/sdg… beside the root device', async () => {
    const driver = createAwsDriver(accessKeyCredentials(sandbox.url), { maxAttempts: 1 });
    const launched = await driver.launch(spec());
    const instance = await described(launched.instanceId);
    expect(instance.BlockDeviceMappings?.map((b) => [b.DeviceName, b.Ebs?.DeleteOnTermination])).toEqual([
      ['/dev/xvda', true],
      ['/dev/sdf', true],
      ['/dev/sdg', false],
    ]);
  });

  it('places the instance in the given subnet and security groups, with its instance profile and public IP', async () => {
    const driver = createAwsDriver(accessKeyCredentials(sandbox.url), { maxAttempts: 1 });
    const usWest2 = REGIONS.find((r) => r.region === 'us-west-2')!;
    const subnet = usWest2.subnets.find((s) => s.zone === 'us-west-2c')!;
    const web = usWest2.securityGroups.find((g) => g.groupName === 'web')!;
    const launched = await driver.launch(
      spec({
        aws: {
          subnetId: subnet.subnetId,
          securityGroupIds: [web.groupId],
          iamInstanceProfile: 'drover-agent',
          associatePublicIp: false,
        },
      }),
    );
    const instance = await described(launched.instanceId);
    expect(instance.SubnetId).toBe(subnet.subnetId);
    expect(instance.SecurityGroups?.map((g) => g.GroupId)).toEqual([web.groupId]);
    expect(instance.IamInstanceProfile?.Arn).toBe('arn:aws:iam::123456789012:instance-profile/drover-agent');
    expect(launched.publicIp).toBeNull();
  });

  it('refuses a subnet in another zone than the spec’s as InvalidSpec', async () => {
    const driver = createAwsDriver(accessKeyCredentials(sandbox.url), { maxAttempts: 1 });
    const subnet = REGIONS.find((r) => r.region === 'us-west-2')!.subnets.find(
      (s) => s.zone === 'us-west-2a',
    )!;
    const err = await driver
      .launch(spec({ aws: { subnetId: subnet.subnetId, securityGroupIds: [], associatePublicIp: true } }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect((err as CloudError).kind).toBe('InvalidSpec');
  });

  it('maps a well-formed but unknown image to InvalidSpec, not NotFound', async () => {
    const driver = createAwsDriver(accessKeyCredentials(sandbox.url), { maxAttempts: 1 });
    const err = (await driver
      .launch(spec({ imageId: 'ami-deadbeef00000000a' }))
      .catch((e: unknown) => e)) as CloudError;
    expect([err.kind, err.details.code]).toEqual(['InvalidSpec', 'InvalidAMIID.NotFound']);
  });

  it('assumes a role with its external id through the STS at the same endpoint', async () => {
    const credentials = assumeRoleCredentials(sandbox.url);
    const driver = createAwsDriver(credentials, {
      maxAttempts: 1,
      masterCredentials: SANDBOX_MASTER_CREDENTIALS,
    });
    const before = sandbox.callCounts().AssumeRole ?? 0;
    const launched = await driver.launch(spec({ region: 'eu-west-1', zone: 'eu-west-1a' }));
    await driver.listInstances('eu-west-1', { accountId: launched.accountId! });
    await driver.listInstances('us-west-2', { accountId: launched.accountId! });
    expect(launched.zone).toBe('eu-west-1a');
    // One session serves every region and call until it nears expiry.
    expect((sandbox.callCounts().AssumeRole ?? 0) - before).toBe(1);
  });

  it('retries throttled calls itself when allowed more than one attempt', async () => {
    let calls = 0;
    const flaky = new Ec2Sandbox({
      faults: { throttleShare: 0.5 },
      random: () => (calls++ % 2 === 0 ? 0 : 0.99),
    });
    await flaky.start();
    try {
      const driver = createAwsDriver(accessKeyCredentials(flaky.url), { maxAttempts: 3 });
      await expect(driver.listInstances('us-east-1', { accountId: newId('account') })).resolves.toEqual([]);
      expect(flaky.callCounts().DescribeInstances).toBe(2);
    } finally {
      await flaky.stop();
    }
  });

  it('lists the default catalogue of every region', async () => {
    const driver = createAwsDriver(accessKeyCredentials(sandbox.url), { maxAttempts: 1 });
    expect(await driver.describeLocations()).toEqual(
      REGIONS.map((r) => ({ region: r.region, zones: r.zones.map((z) => z.name) })).sort((a, b) =>
        a.region.localeCompare(b.region),
      ),
    );
    const types = await driver.describeInstanceTypes(usEast1.region);
    expect(types.find((t) => t.name === 'm5.large')).toEqual({ name: 'm5.large', vcpus: 2, memoryMiB: 8192 });
  });
});
