// The EC2 sandbox on the wire: raw Query API requests checked against EC2's XML shapes and
// error envelopes, STS AssumeRole, the /_sandbox/ control API, persistence, and the aws CLI.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Ec2Sandbox } from '../../../sandbox/ec2';

const run = promisify(execFile);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => name === 'item',
});
const IMAGE = 'ami-0abcdef1234567890';

function authorization(region: string, service = 'ec2'): string {
  return `AWS4-HMAC-SHA256 Credential=AKIAWIRETEST/20250101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`;
}

describe('EC2 sandbox on the wire', () => {
  const sandbox = new Ec2Sandbox({ timings: { bootMs: 50, shutdownMs: 50 } });

  beforeAll(() => sandbox.start());
  afterAll(() => sandbox.stop());
  afterEach(() => sandbox.clearFaults());

  async function call(params: Record<string, string>, region = 'us-east-1', service = 'ec2') {
    const res = await fetch(sandbox.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: authorization(region, service),
      },
      body: new URLSearchParams({ Version: '2016-11-15', ...params }),
    });
    const text = await res.text();
    return { status: res.status, text, xml: parser.parse(text) };
  }

  const launch = (extra: Record<string, string> = {}, region = 'us-east-1') =>
    call(
      {
        Action: 'RunInstances',
        ImageId: IMAGE,
        InstanceType: 't3.micro',
        MinCount: '1',
        MaxCount: '1',
        ...extra,
      },
      region,
    );

  function expectEc2Error(
    answer: { status: number; xml: ReturnType<XMLParser['parse']> },
    status: number,
    code: string,
  ) {
    expect(answer.status).toBe(status);
    expect(answer.xml.Response.Errors.Error.Code).toBe(code);
    expect(answer.xml.Response.Errors.Error.Message).toEqual(expect.any(String));
    expect(answer.xml.Response.RequestID).toMatch(/^[0-9a-f-]{36}$/);
  }

  describe('responses', () => {
    it('answers RunInstances in EC2’s namespace with a reservation holding a pending instance', async () => {
      const { status, xml } = await launch({
        'TagSpecification.1.ResourceType': 'instance',
        'TagSpecification.1.Tag.1.Key': 'drover-farm',
        'TagSpecification.1.Tag.1.Value': 'farm-wire',
        UserData: Buffer.from('#!/bin/sh\n').toString('base64'),
      });
      expect(status).toBe(200);
      const response = xml.RunInstancesResponse;
      expect(response['@_xmlns']).toBe('http://ec2.amazonaws.com/doc/2016-11-15/');
      expect(response.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.reservationId).toMatch(/^r-[0-9a-f]{17}$/);
      const instance = response.instancesSet.item[0];
      expect(instance).toMatchObject({
        instanceId: expect.stringMatching(/^i-[0-9a-f]{17}$/),
        imageId: IMAGE,
        instanceState: { code: 0, name: 'pending' },
        instanceType: 't3.micro',
        placement: { availabilityZone: 'us-east-1a', tenancy: 'default' },
        tagSet: { item: [{ key: 'drover-farm', value: 'farm-wire' }] },
      });
      expect(instance.privateIpAddress).toMatch(/^172\.31\./);
    });

    it('answers DescribeInstances with reservationSet/instancesSet items and pages by MaxResults/NextToken', async () => {
      const farm = `farm-${Date.now()}`;
      const tags = {
        'TagSpecification.1.ResourceType': 'instance',
        'TagSpecification.1.Tag.1.Key': 'drover-farm',
        'TagSpecification.1.Tag.1.Value': farm,
      };
      for (let i = 0; i < 7; i++) await launch(tags);
      const filter = { 'Filter.1.Name': 'tag:drover-farm', 'Filter.1.Value.1': farm };

      const first = await call({ Action: 'DescribeInstances', MaxResults: '5', ...filter });
      const firstPage = first.xml.DescribeInstancesResponse;
      expect(firstPage.reservationSet.item).toHaveLength(5);
      expect(firstPage.nextToken).toEqual(expect.any(String));
      const second = await call({
        Action: 'DescribeInstances',
        MaxResults: '5',
        NextToken: firstPage.nextToken,
        ...filter,
      });
      expect(second.xml.DescribeInstancesResponse.reservationSet.item).toHaveLength(2);
      expect(second.xml.DescribeInstancesResponse.nextToken).toBeUndefined();
    });

    it('filters by tag-key, instance-state-name and instance-id, and rejects unknown filters', async () => {
      const id = (
        await launch({
          'TagSpecification.1.ResourceType': 'instance',
          'TagSpecification.1.Tag.1.Key': `only-${Date.now()}`,
          'TagSpecification.1.Tag.1.Value': 'x',
        })
      ).xml.RunInstancesResponse.instancesSet.item[0].instanceId;
      const byId = await call({
        Action: 'DescribeInstances',
        'Filter.1.Name': 'instance-id',
        'Filter.1.Value.1': id,
      });
      expect(byId.xml.DescribeInstancesResponse.reservationSet.item[0].instancesSet.item[0].instanceId).toBe(
        id,
      );
      const terminated = await call({
        Action: 'DescribeInstances',
        'Filter.1.Name': 'instance-id',
        'Filter.1.Value.1': id,
        'Filter.2.Name': 'instance-state-name',
        'Filter.2.Value.1': 'terminated',
      });
      expect(terminated.xml.DescribeInstancesResponse.reservationSet).toBe('');
      expectEc2Error(
        await call({ Action: 'DescribeInstances', 'Filter.1.Name': 'colour', 'Filter.1.Value.1': 'red' }),
        400,
        'InvalidParameterValue',
      );
    });

    it('keeps each region apart, reading the region from the SigV4 credential scope', async () => {
      const id = (await launch({}, 'eu-west-1')).xml.RunInstancesResponse.instancesSet.item[0].instanceId;
      expect((await call({ Action: 'DescribeInstances', 'InstanceId.1': id }, 'eu-west-1')).status).toBe(200);
      expectEc2Error(
        await call({ Action: 'DescribeInstances', 'InstanceId.1': id }, 'us-west-2'),
        400,
        'InvalidInstanceID.NotFound',
      );
    });

    it('answers the same reservation for a repeated ClientToken, and refuses it with other parameters', async () => {
      const token = `wire-${Date.now()}`;
      const first = (await launch({ ClientToken: token })).xml.RunInstancesResponse;
      const again = (await launch({ ClientToken: token })).xml.RunInstancesResponse;
      expect(again.reservationId).toBe(first.reservationId);
      expect(again.instancesSet.item[0].instanceId).toBe(first.instancesSet.item[0].instanceId);
      expectEc2Error(
        await launch({ ClientToken: token, InstanceType: 'm5.large' }),
        400,
        'IdempotentParameterMismatch',
      );
    });

    it('reports previous and current state from TerminateInstances, and RebootInstances returns true', async () => {
      // Still pending when terminated, however slow a loaded machine makes the three calls.
      sandbox.setTimings({ bootMs: 10_000 });
      const id = (await launch()).xml.RunInstancesResponse.instancesSet.item[0].instanceId;
      sandbox.setTimings({ bootMs: 50 });
      const reboot = await call({ Action: 'RebootInstances', 'InstanceId.1': id });
      expect(reboot.xml.RebootInstancesResponse.return).toBe(true);
      const { xml } = await call({ Action: 'TerminateInstances', 'InstanceId.1': id });
      expect(xml.TerminateInstancesResponse.instancesSet.item[0]).toEqual({
        instanceId: id,
        currentState: { code: 32, name: 'shutting-down' },
        previousState: { code: 0, name: 'pending' },
      });
    });

    it('describes regions, zones, VPCs, subnets, security groups and instance types', async () => {
      const regions = (await call({ Action: 'DescribeRegions' })).xml.DescribeRegionsResponse.regionInfo.item;
      expect(regions.map((r: { regionName: string }) => r.regionName)).toEqual([
        'us-east-1',
        'us-west-2',
        'eu-west-1',
      ]);
      const zones = (await call({ Action: 'DescribeAvailabilityZones' }, 'us-west-2')).xml
        .DescribeAvailabilityZonesResponse;
      expect(zones.availabilityZoneInfo.item.map((z: { zoneName: string }) => z.zoneName)).toEqual([
        'us-west-2a',
        'us-west-2b',
        'us-west-2c',
      ]);
      const vpc = (await call({ Action: 'DescribeVpcs' })).xml.DescribeVpcsResponse.vpcSet.item[0];
      expect(vpc).toMatchObject({ isDefault: true, state: 'available' });
      const subnets = (
        await call({ Action: 'DescribeSubnets', 'Filter.1.Name': 'vpc-id', 'Filter.1.Value.1': vpc.vpcId })
      ).xml.DescribeSubnetsResponse.subnetSet.item;
      expect(subnets).toHaveLength(3);
      const groups = (await call({ Action: 'DescribeSecurityGroups', 'GroupName.1': 'default' })).xml
        .DescribeSecurityGroupsResponse.securityGroupInfo.item;
      expect(groups[0]).toMatchObject({ groupName: 'default', vpcId: vpc.vpcId });
      const types = (await call({ Action: 'DescribeInstanceTypes', 'InstanceType.1': 'c5.large' })).xml
        .DescribeInstanceTypesResponse.instanceTypeSet.item;
      expect(types[0]).toMatchObject({
        instanceType: 'c5.large',
        vCpuInfo: { defaultVCpus: 2 },
        memoryInfo: { sizeInMiB: 4096 },
      });
    });
  });

  describe('errors', () => {
    it.each([
      [
        'a malformed instance id',
        { Action: 'TerminateInstances', 'InstanceId.1': 'i-nothex' },
        400,
        'InvalidInstanceID.Malformed',
      ],
      [
        'an unknown instance id',
        { Action: 'StopInstances', 'InstanceId.1': 'i-0123456789abcdef0' },
        400,
        'InvalidInstanceID.NotFound',
      ],
      [
        'a malformed AMI id',
        { Action: 'RunInstances', ImageId: 'ubuntu', MinCount: '1', MaxCount: '1' },
        400,
        'InvalidAMIID.Malformed',
      ],
      [
        'an unknown instance type',
        { Action: 'RunInstances', ImageId: IMAGE, InstanceType: 'x9.huge', MinCount: '1', MaxCount: '1' },
        400,
        'InvalidParameterValue',
      ],
      [
        'bad base64 user data',
        { Action: 'RunInstances', ImageId: IMAGE, UserData: '%%%', MinCount: '1', MaxCount: '1' },
        400,
        'InvalidParameterValue',
      ],
      [
        'a MaxResults below 5',
        { Action: 'DescribeInstances', MaxResults: '3' },
        400,
        'InvalidParameterValue',
      ],
      ['an unknown action', { Action: 'LaunchRockets' }, 400, 'InvalidAction'],
    ])('answers %s with EC2’s error envelope', async (_why, params, status, code) => {
      expectEc2Error(await call(params as Record<string, string>), status, code);
    });

    it('answers an unsigned request with AuthFailure', async () => {
      const res = await fetch(sandbox.url, {
        method: 'POST',
        body: new URLSearchParams({ Action: 'DescribeRegions' }),
      });
      expectEc2Error({ status: res.status, xml: parser.parse(await res.text()) }, 401, 'AuthFailure');
    });

    it('throttles with RequestLimitExceeded (503) and fails with InternalError/Unavailable', async () => {
      sandbox.setFaults({ throttleShare: 1 });
      expectEc2Error(await call({ Action: 'DescribeInstances' }), 503, 'RequestLimitExceeded');
      sandbox.setFaults({ throttleShare: 0, errorShare: 1 });
      const answer = await call({ Action: 'DescribeInstances' });
      expect([500, 503]).toContain(answer.status);
      expect(['InternalError', 'Unavailable']).toContain(answer.xml.Response.Errors.Error.Code);
    });

    it('refuses launches with InsufficientInstanceCapacity where capacity is short', async () => {
      sandbox.setFaults({ capacity: [{ zone: 'us-east-1c' }] });
      expectEc2Error(
        await launch({ 'Placement.AvailabilityZone': 'us-east-1c' }),
        500,
        'InsufficientInstanceCapacity',
      );
      expect((await launch({ 'Placement.AvailabilityZone': 'us-east-1b' })).status).toBe(200);
    });
  });

  describe('STS AssumeRole', () => {
    it('answers dummy temporary credentials in STS’s shape', async () => {
      const { status, xml } = await call(
        {
          Action: 'AssumeRole',
          Version: '2011-06-15',
          RoleArn: 'arn:aws:iam::210987654321:role/Drover',
          RoleSessionName: 'drover-test',
          ExternalId: 'ext-1',
        },
        'us-east-1',
        'sts',
      );
      expect(status).toBe(200);
      const result = xml.AssumeRoleResponse.AssumeRoleResult;
      expect(xml.AssumeRoleResponse['@_xmlns']).toBe('https://sts.amazonaws.com/doc/2011-06-15/');
      expect(result.Credentials.AccessKeyId).toMatch(/^ASIA/);
      expect(Date.parse(result.Credentials.Expiration)).toBeGreaterThan(Date.now());
      expect(result.AssumedRoleUser.Arn).toBe('arn:aws:sts::210987654321:assumed-role/Drover/drover-test');
    });

    it('answers a bad request in STS’s ErrorResponse envelope', async () => {
      const { status, xml } = await call(
        { Action: 'AssumeRole', Version: '2011-06-15', RoleSessionName: 's' },
        'us-east-1',
        'sts',
      );
      expect(status).toBe(400);
      expect(xml.ErrorResponse.Error).toMatchObject({ Type: 'Sender', Code: 'ValidationError' });
    });
  });

  describe('control API', () => {
    const control = (method: string, path: string, body?: unknown) =>
      fetch(`${sandbox.url}/_sandbox/${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    it('lists instances and kills one behind the API’s back', async () => {
      const id = (await launch()).xml.RunInstancesResponse.instancesSet.item[0].instanceId;
      const listed = (await (await control('GET', 'instances')).json()) as { instanceId: string }[];
      expect(listed.map((i) => i.instanceId)).toContain(id);
      // Still shutting down when looked at, however slow a loaded machine makes the kill's answer.
      sandbox.setTimings({ shutdownMs: 10_000 });
      expect((await control('POST', `instances/${id}/kill`)).status).toBe(200);
      sandbox.setTimings({ shutdownMs: 50 });
      expect(sandbox.instances().find((i) => i.instanceId === id)?.state).toBe('shutting-down');
      expect((await control('POST', 'instances/i-0123456789abcdef0/kill')).status).toBe(404);
    });

    it('sets, validates and clears faults and timings', async () => {
      expect((await control('PUT', 'faults', { throttleShare: 1 })).status).toBe(200);
      expectEc2Error(await call({ Action: 'DescribeRegions' }), 503, 'RequestLimitExceeded');
      expect((await control('PUT', 'faults', { throttleShare: 2 })).status).toBe(400);
      expect((await control('DELETE', 'faults')).status).toBe(204);
      expect((await call({ Action: 'DescribeRegions' })).status).toBe(200);
      expect(await (await control('PUT', 'timings', { bootMs: 75 })).json()).toMatchObject({ bootMs: 75 });
      sandbox.setTimings({ bootMs: 50 });
    });

    it('counts calls by action', async () => {
      await call({ Action: 'DescribeVpcs' });
      const { counts, recent } = (await (await control('GET', 'calls')).json()) as {
        counts: Record<string, number>;
        recent: { action: string }[];
      };
      expect(counts.DescribeVpcs).toBeGreaterThanOrEqual(1);
      expect(recent.at(-1)?.action).toBe('DescribeVpcs');
    });
  });

  it('forgets terminated instances after the retention time', async () => {
    const id = (await launch()).xml.RunInstancesResponse.instancesSet.item[0].instanceId;
    await call({ Action: 'TerminateInstances', 'InstanceId.1': id });
    await new Promise((r) => setTimeout(r, 100));
    expect(sandbox.instances().find((i) => i.instanceId === id)?.state).toBe('terminated');
    sandbox.setTimings({ terminatedRetentionMs: 10 });
    await new Promise((r) => setTimeout(r, 20));
    expect(sandbox.instances().find((i) => i.instanceId === id)).toBeUndefined();
    sandbox.setTimings({ terminatedRetentionMs: 60 * 60_000 });
  });

  it('is understood by the aws CLI', async () => {
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'AKIACLITEST',
      AWS_SECRET_ACCESS_KEY: 'cli-secret',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const id = (await launch({}, 'us-west-2')).xml.RunInstancesResponse.instancesSet.item[0].instanceId;
    const { stdout } = await run(
      'aws',
      [
        'ec2',
        'describe-instances',
        '--endpoint-url',
        sandbox.url,
        '--region',
        'us-west-2',
        '--instance-ids',
        id,
        '--output',
        'json',
      ],
      { env },
    );
    const out = JSON.parse(stdout);
    expect(out.Reservations[0].Instances[0]).toMatchObject({ InstanceId: id, InstanceType: 't3.micro' });
    await expect(
      run(
        'aws',
        [
          'ec2',
          'describe-instances',
          '--endpoint-url',
          sandbox.url,
          '--region',
          'us-west-2',
          '--instance-ids',
          'i-0123456789abcdef0',
        ],
        { env },
      ),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('InvalidInstanceID.NotFound') });
  });
});

describe('EC2 sandbox persistence', () => {
  it('keeps instances and client tokens across restarts when given a state file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ec2-sandbox-'));
    const stateFile = join(dir, 'ec2.json');
    try {
      const first = new Ec2Sandbox({ stateFile, timings: { bootMs: 10_000 } });
      await first.start();
      const id = await launchVia(first.url, 'persist-1');
      await first.stop();

      const second = new Ec2Sandbox({ stateFile });
      await second.start();
      try {
        expect(await launchVia(second.url, 'persist-1')).toBe(id);
        // A boot in flight when the sandbox stopped completes once it is back.
        await new Promise((r) => setTimeout(r, 50));
        expect(second.instances().find((i) => i.instanceId === id)?.state).toBe('running');
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

async function launchVia(url: string, clientToken: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: authorization('us-east-1') },
    body: new URLSearchParams({
      Action: 'RunInstances',
      ImageId: IMAGE,
      MinCount: '1',
      MaxCount: '1',
      ClientToken: clientToken,
    }),
  });
  return parser.parse(await res.text()).RunInstancesResponse.instancesSet.item[0].instanceId;
}
