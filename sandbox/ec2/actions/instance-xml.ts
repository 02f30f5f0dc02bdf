// An instance and a reservation in EC2's XML shape (shared by RunInstances and DescribeInstances).
import { ACCOUNT_ID } from '../catalog';
import { type Ec2Instance, STATE_CODES } from '../state';
import { itemSet, RawXml, renderXml, type XmlObject } from '../xml';

export function tagSet(tags: Record<string, string>) {
  return itemSet(Object.entries(tags).map(([key, value]) => ({ key, value })));
}

export function stateXml(state: Ec2Instance['state']): XmlObject {
  return { code: STATE_CODES[state], name: state };
}

function dnsName(ip: string, region: string, internal: boolean): string {
  const dashed = ip.replaceAll('.', '-');
  if (internal)
    return region === 'us-east-1' ? `ip-${dashed}.ec2.internal` : `ip-${dashed}.${region}.compute.internal`;
  return region === 'us-east-1'
    ? `ec2-${dashed}.compute-1.amazonaws.com`
    : `ec2-${dashed}.${region}.compute.amazonaws.com`;
}

export function instanceXml(i: Ec2Instance): XmlObject {
  const groups = itemSet(i.securityGroups.map((g) => ({ groupName: g.groupName, groupId: g.groupId })));
  const launchTime = i.launchedAt;
  return {
    instanceId: i.instanceId,
    imageId: i.imageId,
    instanceState: stateXml(i.state),
    privateDnsName: i.state === 'terminated' ? '' : dnsName(i.privateIp, i.region, true),
    dnsName: i.publicIp ? dnsName(i.publicIp, i.region, false) : '',
    reason: i.stateReason,
    amiLaunchIndex: i.amiLaunchIndex,
    productCodes: '',
    instanceType: i.instanceType,
    launchTime,
    placement: { availabilityZone: i.zone, groupName: '', tenancy: 'default' },
    monitoring: { state: 'disabled' },
    subnetId: i.state === 'terminated' ? undefined : i.subnetId,
    vpcId: i.state === 'terminated' ? undefined : i.vpcId,
    privateIpAddress: i.state === 'terminated' ? undefined : i.privateIp,
    ipAddress: i.publicIp ?? undefined,
    sourceDestCheck: true,
    groupSet: groups,
    stateReason:
      i.state === 'terminated' || i.state === 'stopped'
        ? {
            code: 'Client.UserInitiatedShutdown',
            message: 'Client.UserInitiatedShutdown: User initiated shutdown',
          }
        : undefined,
    architecture: 'x86_64',
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    blockDeviceMapping: itemSet(
      i.state === 'terminated'
        ? []
        : i.blockDevices.map((d) => ({
            deviceName: d.deviceName,
            ebs: {
              volumeId: d.volumeId,
              status: 'attached',
              attachTime: launchTime,
              deleteOnTermination: d.deleteOnTermination,
            },
          })),
    ),
    virtualizationType: 'hvm',
    clientToken: i.clientToken,
    tagSet: tagSet(i.tags),
    hypervisor: 'xen',
    iamInstanceProfile: i.iamInstanceProfile
      ? { arn: i.iamInstanceProfile, id: `AIPA${i.instanceId.slice(2, 19).toUpperCase()}` }
      : undefined,
    ebsOptimized: false,
    enaSupport: true,
    bootMode: 'uefi-preferred',
    currentInstanceBootMode: 'uefi',
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
  };
}

/** Groups instances (already in launch order) into their reservations. */
export function reservationsXml(instances: Ec2Instance[]): XmlObject[] {
  const byReservation = new Map<string, Ec2Instance[]>();
  for (const instance of instances) {
    const group = byReservation.get(instance.reservationId);
    if (group) group.push(instance);
    else byReservation.set(instance.reservationId, [instance]);
  }
  return [...byReservation.entries()].map(([reservationId, members]) =>
    reservationXml(reservationId, members),
  );
}

export function reservationXml(reservationId: string, instances: Ec2Instance[]): XmlObject {
  return {
    reservationId,
    ownerId: ACCOUNT_ID,
    groupSet: '',
    instancesSet: itemSet(instances.map(cachedInstanceXml)),
  };
}

// DescribeInstances renders the same instances over and over; an instance's XML only changes
// when the instance does, so it is cached against the fields that can change.
const rendered = new WeakMap<Ec2Instance, { key: string; xml: RawXml }>();

function cachedInstanceXml(instance: Ec2Instance): RawXml {
  const key = `${instance.state}|${instance.stateChangedAt}|${instance.publicIp}|${JSON.stringify(instance.tags)}`;
  const hit = rendered.get(instance);
  if (hit && hit.key === key) return hit.xml;
  const xml = new RawXml(renderXml(instanceXml(instance)));
  rendered.set(instance, { key, xml });
  return xml;
}
