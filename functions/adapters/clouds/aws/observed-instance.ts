// EC2's Instance → the port's ObservedInstance: Drover's ids are read back from the tags.
import type { Instance } from '@aws-sdk/client-ec2';
import { DROVER_TAG_KEYS } from '../../../domain/clouds/launch-spec';
import type { InstanceState, ObservedInstance } from '../../../domain/clouds/observed-instance';

const STATES: InstanceState[] = ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'];

export function observedInstance(instance: Instance, region: string): ObservedInstance {
  const tags = Object.fromEntries((instance.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  const state = instance.State?.Name as InstanceState | undefined;
  const ids: Partial<ObservedInstance> = {};
  for (const [field, key] of Object.entries(DROVER_TAG_KEYS) as [keyof typeof DROVER_TAG_KEYS, string][]) {
    if (tags[key]) ids[field] = tags[key];
  }
  return {
    instanceId: instance.InstanceId ?? '',
    platform: 'aws',
    region,
    zone: instance.Placement?.AvailabilityZone ?? '',
    // An unknown state name (EC2 has added none in years) is safest read as still changing.
    state: state && STATES.includes(state) ? state : 'pending',
    instanceType: instance.InstanceType ?? '',
    imageId: instance.ImageId ?? '',
    privateIp: instance.PrivateIpAddress ?? null,
    publicIp: instance.PublicIpAddress ?? null,
    launchedAt: (instance.LaunchTime ?? new Date(0)).toISOString(),
    ...ids,
    tags,
  };
}
