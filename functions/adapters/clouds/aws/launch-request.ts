// LaunchSpec → RunInstances input. The ClientToken is derived from the server id alone, so a
// repeated or retried launch of one server can never make a second instance (EC2 answers
// the first reservation for up to the token's lifetime).
import { createHash } from 'node:crypto';
import type { BlockDeviceMapping, RunInstancesCommandInput, Tag } from '@aws-sdk/client-ec2';
import type { LaunchSpec } from '../../../domain/clouds/launch-spec';

/** Data volumes get /dev/sdf, /dev/sdg, … (sda–sde are conventionally root and instance store). */
const FIRST_DATA_DEVICE = 'f'.charCodeAt(0);
const MAX_DATA_VOLUMES = 'z'.charCodeAt(0) - FIRST_DATA_DEVICE + 1;

/** ≤ 64 printable ASCII characters, as EC2 requires; readable when the server id allows it. */
export function clientTokenFor(serverId: string): string {
  const readable = `drover-${serverId}`;
  if (readable.length <= 64 && /^[!-~]+$/.test(readable)) return readable;
  return `drover-${createHash('sha256').update(serverId).digest('hex').slice(0, 48)}`;
}

export function dataDeviceName(index: number): string {
  if (index >= MAX_DATA_VOLUMES) throw new RangeError(`at most ${MAX_DATA_VOLUMES} data volumes`);
  return `/dev/sd${String.fromCharCode(FIRST_DATA_DEVICE + index)}`;
}

export function runInstancesInput(spec: LaunchSpec): RunInstancesCommandInput {
  const tags: Tag[] = Object.entries({ ...spec.tags, Name: spec.name }).map(([Key, Value]) => ({
    Key,
    Value,
  }));
  const blockDevices: BlockDeviceMapping[] = spec.volumes.map((volume, index) => ({
    DeviceName: dataDeviceName(index),
    Ebs: {
      VolumeSize: volume.sizeGiB,
      VolumeType: volume.type as NonNullable<BlockDeviceMapping['Ebs']>['VolumeType'],
      DeleteOnTermination: volume.deleteOnTermination,
      ...(volume.iops ? { Iops: volume.iops } : {}),
    },
  }));
  const aws = spec.aws;
  const profile = aws?.iamInstanceProfile;
  return {
    ClientToken: clientTokenFor(spec.serverId),
    ImageId: spec.imageId,
    InstanceType: spec.instanceType as RunInstancesCommandInput['InstanceType'],
    MinCount: 1,
    MaxCount: 1,
    Placement: { AvailabilityZone: spec.zone },
    TagSpecifications: [
      { ResourceType: 'instance', Tags: tags },
      ...(blockDevices.length > 0 ? [{ ResourceType: 'volume' as const, Tags: tags }] : []),
    ],
    ...(blockDevices.length > 0 ? { BlockDeviceMappings: blockDevices } : {}),
    // A public IP can only be asked for on a network interface, and then subnet and groups must move there too.
    ...(aws
      ? {
          NetworkInterfaces: [
            {
              DeviceIndex: 0,
              AssociatePublicIpAddress: aws.associatePublicIp,
              DeleteOnTermination: true,
              ...(aws.subnetId ? { SubnetId: aws.subnetId } : {}),
              ...(aws.securityGroupIds.length > 0 ? { Groups: aws.securityGroupIds } : {}),
            },
          ],
        }
      : {}),
    ...(profile
      ? { IamInstanceProfile: profile.startsWith('arn:') ? { Arn: profile } : { Name: profile } }
      : {}),
    ...(spec.userData ? { UserData: Buffer.from(spec.userData, 'utf8').toString('base64') } : {}),
  };
}
