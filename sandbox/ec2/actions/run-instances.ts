// RunInstances: validation in EC2's order of complaints, ClientToken idempotency (the same
// token with the same parameters answers the same reservation; with other parameters,
// IdempotentParameterMismatch), capacity faults, and the launch itself.
import { ACCOUNT_ID, instanceTypeNamed, type RegionCatalog, type Subnet } from '../catalog';
import { Ec2ApiError, invalidParameter } from '../errors';
import type { QueryParams } from '../query';
import { type BlockDevice, type Ec2Instance, newEc2Id, randomPublicIp } from '../state';
import type { ActionContext, Ec2Action } from './context';
import { reservationXml } from './instance-xml';

const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
/** The sandbox's convention for an AMI that is well formed but does not exist. */
const MISSING_AMI_PREFIX = 'ami-deadbeef';
const VOLUME_TYPES = ['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1', 'standard'];
const DEVICE_NAME = /^\/dev\/(?:sd[a-z][0-9]*|xvd[a-z][a-z]?)$/;
const MAX_COUNT = 50;

export const runInstances: Ec2Action = (ctx) => {
  const { params, region, state } = ctx;
  const clientToken = params.get('ClientToken') ?? '';
  if (clientToken.length > 64 || !/^[ -~]*$/.test(clientToken)) {
    throw invalidParameter('Value for parameter clientToken is invalid: at most 64 ASCII characters');
  }
  const fingerprint = params.fingerprint(['Action', 'Version', 'ClientToken']);
  if (clientToken) {
    const existing = state.tokenEntry(region.region, clientToken);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new Ec2ApiError(
          'IdempotentParameterMismatch',
          'The client token you have provided is associated with a resource that is already deleted or has different parameters.',
        );
      }
      const instances = existing.instanceIds.map((id) => state.get(id)).filter((i): i is Ec2Instance => !!i);
      return reservationXml(existing.reservationId, instances);
    }
  }

  const launched = prepareLaunch(ctx, clientToken);
  state.add(launched, clientToken ? { region: region.region, value: clientToken, fingerprint } : undefined);
  return reservationXml(launched[0]!.reservationId, launched);
};

function prepareLaunch(ctx: ActionContext, clientToken: string): Ec2Instance[] {
  const { params, region, state, faults } = ctx;
  const imageId = existingImage(params.required('ImageId'));
  const instanceType = params.get('InstanceType') ?? 't3.micro';
  if (!instanceTypeNamed(instanceType))
    throw invalidParameter(`Invalid value '${instanceType}' for InstanceType.`);
  const count = launchCount(params);

  const nic = params.members('NetworkInterface').find((n) => (n.int('DeviceIndex') ?? 0) === 0);
  const subnet = chooseSubnet(
    region,
    params.get('Placement.AvailabilityZone'),
    nic?.get('SubnetId') ?? params.get('SubnetId'),
  );
  const securityGroups = chooseSecurityGroups(region, params, nic);
  const associatePublicIp = nic?.bool('AssociatePublicIpAddress') ?? subnet.mapPublicIpOnLaunch;

  if (faults.lacksCapacity(instanceType, subnet.zone)) {
    const others = region.zones.map((z) => z.name).filter((z) => z !== subnet.zone);
    throw new Ec2ApiError(
      'InsufficientInstanceCapacity',
      `We currently do not have sufficient ${instanceType} capacity in the Availability Zone you requested (${subnet.zone}). ` +
        'Our system will be working on provisioning additional capacity. You can currently get ' +
        `${instanceType} capacity by not specifying an Availability Zone in your request or choosing ${others.join(', ')}.`,
      500,
    );
  }

  const userData = decodeUserData(params.get('UserData'));
  const iamInstanceProfile = instanceProfile(params);
  const { instanceTags, volumeTags } = tagSpecifications(params);
  const devices = blockDevices(params);
  const reservationId = newEc2Id('r');
  const launchedAt = new Date().toISOString().replace(/\.\d{3}Z$/, '.000Z');

  return Array.from({ length: count }, (_, amiLaunchIndex) => {
    const seq = state.nextSeq();
    return {
      instanceId: newEc2Id('i'),
      reservationId,
      seq,
      amiLaunchIndex,
      region: region.region,
      zone: subnet.zone,
      vpcId: subnet.vpcId,
      subnetId: subnet.subnetId,
      securityGroups,
      state: 'pending',
      stateChangedAt: Date.now(),
      stateReason: '',
      instanceType,
      imageId,
      privateIp: privateIpIn(subnet, seq),
      publicIp: associatePublicIp ? randomPublicIp() : null,
      wantsPublicIp: associatePublicIp,
      launchedAt,
      tags: { ...instanceTags },
      userData,
      clientToken,
      iamInstanceProfile,
      blockDevices: devices.map((d) => ({ ...d, volumeId: newEc2Id('vol'), tags: { ...volumeTags } })),
    } satisfies Ec2Instance;
  });
}

function existingImage(imageId: string): string {
  if (!AMI_ID.test(imageId))
    throw new Ec2ApiError('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
  if (imageId.startsWith(MISSING_AMI_PREFIX)) {
    throw new Ec2ApiError('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
  }
  return imageId;
}

/** How many instances to launch: MaxCount, capped by the quota, as long as MinCount fits. */
function launchCount(params: QueryParams): number {
  const minCount = params.int('MinCount');
  const maxCount = params.int('MaxCount');
  if (minCount === undefined)
    throw new Ec2ApiError('MissingParameter', 'The request must contain the parameter MinCount');
  if (maxCount === undefined)
    throw new Ec2ApiError('MissingParameter', 'The request must contain the parameter MaxCount');
  if (minCount < 1 || maxCount < minCount) {
    throw invalidParameter(`Invalid MinCount/MaxCount: ${minCount}/${maxCount}`);
  }
  if (minCount > MAX_COUNT) {
    throw new Ec2ApiError(
      'InstanceLimitExceeded',
      `Your quota allows for ${MAX_COUNT} more running instance(s).`,
    );
  }
  return Math.min(maxCount, MAX_COUNT);
}

function chooseSubnet(region: RegionCatalog, zone: string | undefined, subnetId: string | undefined): Subnet {
  if (zone && !region.zones.some((z) => z.name === zone)) {
    throw invalidParameter(`Invalid availability zone: [${zone}]`);
  }
  if (subnetId) {
    const subnet = region.subnets.find((s) => s.subnetId === subnetId);
    if (!subnet)
      throw new Ec2ApiError('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);
    if (zone && subnet.zone !== zone) {
      throw invalidParameter(
        `The subnet '${subnetId}' is in ${subnet.zone}, not in the requested zone ${zone}`,
      );
    }
    return subnet;
  }
  return region.subnets.find((s) => s.zone === (zone ?? region.zones[0]!.name) && s.defaultForAz)!;
}

function chooseSecurityGroups(region: RegionCatalog, params: QueryParams, nic: QueryParams | undefined) {
  const ids = nic ? nic.list('SecurityGroupId') : params.list('SecurityGroupId');
  const names = params.list('SecurityGroup');
  if (ids.length === 0 && names.length === 0)
    return [region.securityGroups.find((g) => g.groupName === 'default')!];
  return [
    ...ids.map((id) => region.securityGroups.find((g) => g.groupId === id) ?? groupNotFound(id)),
    ...names.map((name) => region.securityGroups.find((g) => g.groupName === name) ?? groupNotFound(name)),
  ].map((g) => ({ groupId: g.groupId, groupName: g.groupName }));
}

function groupNotFound(group: string): never {
  throw new Ec2ApiError(
    'InvalidGroup.NotFound',
    `The security group '${group}' does not exist in default VPC`,
  );
}

function decodeUserData(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(raw) || raw.length % 4 !== 0) {
    throw invalidParameter('Invalid BASE64 encoding of user data.');
  }
  const text = Buffer.from(raw, 'base64').toString('utf8');
  if (raw.length > 25_600) throw invalidParameter('User data is limited to 16384 bytes');
  return text;
}

function instanceProfile(params: QueryParams): string | null {
  const arn = params.get('IamInstanceProfile.Arn');
  const name = params.get('IamInstanceProfile.Name');
  if (arn && !/^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/[\w+=,.@/-]+$/.test(arn)) {
    throw invalidParameter(
      `Value (${arn}) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN`,
    );
  }
  if (arn) return arn;
  if (name) return `arn:aws:iam::${ACCOUNT_ID}:instance-profile/${name}`;
  return null;
}

function tagSpecifications(params: QueryParams) {
  const instanceTags: Record<string, string> = {};
  const volumeTags: Record<string, string> = {};
  for (const spec of params.members('TagSpecification')) {
    const resourceType = spec.required('ResourceType');
    if (!['instance', 'volume', 'network-interface', 'spot-instances-request'].includes(resourceType)) {
      throw invalidParameter(`'${resourceType}' is not a valid taggable resource type for this operation.`);
    }
    const tags = spec.members('Tag');
    if (tags.length > 50)
      throw new Ec2ApiError('TagLimitExceeded', 'The maximum number of tags per resource is 50');
    for (const tag of tags) {
      const key = tag.required('Key');
      const value = tag.get('Value') ?? '';
      if (key.length > 128 || value.length > 256) throw invalidParameter(`Tag ${key} is too long`);
      if (key.toLowerCase().startsWith('aws:'))
        throw invalidParameter("Tag keys starting with 'aws:' are reserved for internal use");
      if (resourceType === 'instance') instanceTags[key] = value;
      if (resourceType === 'volume') volumeTags[key] = value;
    }
  }
  return { instanceTags, volumeTags };
}

function blockDevices(params: QueryParams): Omit<BlockDevice, 'volumeId' | 'tags'>[] {
  const root = { deviceName: '/dev/xvda', sizeGiB: 8, volumeType: 'gp3', deleteOnTermination: true };
  const mapped = params.members('BlockDeviceMapping').map((m) => {
    const deviceName = m.required('DeviceName');
    if (!DEVICE_NAME.test(deviceName)) {
      throw new Ec2ApiError('InvalidBlockDeviceMapping', `Invalid device name ${deviceName}`);
    }
    const sizeGiB = m.int('Ebs.VolumeSize', 8)!;
    const volumeType = m.get('Ebs.VolumeType') ?? 'gp2';
    const iops = m.int('Ebs.Iops');
    if (!VOLUME_TYPES.includes(volumeType))
      throw invalidParameter(`The parameter volumeType must be one of ${VOLUME_TYPES.join(', ')}`);
    if (sizeGiB < 1 || sizeGiB > 16_384)
      throw invalidParameter(`Volume of ${sizeGiB}GiB is outside 1..16384`);
    if ((volumeType === 'io1' || volumeType === 'io2') && iops === undefined) {
      throw new Ec2ApiError('MissingParameter', 'The request must contain the parameter iops');
    }
    return {
      deviceName,
      sizeGiB,
      volumeType,
      iops,
      deleteOnTermination: m.bool('Ebs.DeleteOnTermination') ?? true,
    };
  });
  const names = new Set<string>();
  for (const d of mapped) {
    if (names.has(d.deviceName))
      throw new Ec2ApiError('InvalidBlockDeviceMapping', `Duplicate device name ${d.deviceName}`);
    names.add(d.deviceName);
  }
  return mapped.some((d) => d.deviceName === root.deviceName) ? mapped : [root, ...mapped];
}

/** A stable address inside the subnet's /20, skipping the four addresses AWS reserves. */
function privateIpIn(subnet: Subnet, seq: number): string {
  const [a, b, c] = subnet.cidrBlock.split('/')[0]!.split('.').map(Number) as [number, number, number];
  const host = 4 + (seq % 4_000);
  return `${a}.${b}.${c + Math.floor(host / 256)}.${host % 256}`;
}
