// A CloudStack VM → ObservedInstance, and Drover's filter → listVirtualMachines' tag parameters.
// A Drover region is a CloudStack zone (zones are CloudStack's unit of placement and of the API's
// `zoneid`), with one zone of the same name. Destroyed, Expunging and Error VMs are terminated:
// a VM left Destroyed because the account may not expunge waits only for the cloud's expunge
// delay and must never count as live.
import { DROVER_TAG_KEYS } from '../../../domain/clouds/launch-spec';
import type { InstanceState, ObservedInstance } from '../../../domain/clouds/observed-instance';
import type { InstanceFilter } from '../../../ports/cloud-driver';
import type { Params } from './client/signing';
import type { VirtualMachine } from './client/wire';

/** `tags[n].key/value` for every Drover id the filter names (CloudStack ANDs them). */
export function tagParams(tags: Record<string, string>): Params {
  const params: Params = {};
  Object.entries(tags).forEach(([key, value], i) => {
    params[`tags[${i}].key`] = key;
    params[`tags[${i}].value`] = value;
  });
  return params;
}

export function filterTags(filter: InstanceFilter): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [field, key] of Object.entries(DROVER_TAG_KEYS) as [keyof InstanceFilter, string][]) {
    const value = filter[field];
    if (value !== undefined) tags[key] = value;
  }
  return tags;
}

export function stateOf(vm: VirtualMachine): InstanceState {
  switch (vm.state) {
    case 'Starting':
    case 'Unknown':
      return 'pending';
    case 'Running':
    case 'Migrating':
      return 'running';
    case 'Stopping':
      return 'stopping';
    case 'Stopped':
    case 'Shutdowned':
      return 'stopped';
    default:
      return 'terminated';
  }
}

/** CloudStack writes `2026-12-07T14:10:00+0000`; Drover keeps ISO 8601 in UTC. */
function isoOf(created: string): string {
  const at = Date.parse(created.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(at) ? created : new Date(at).toISOString();
}

export function observedInstance(vm: VirtualMachine): ObservedInstance {
  const tags = Object.fromEntries(vm.tags.map((t) => [t.key, t.value]));
  const nic = vm.nic.find((n) => n.isdefault) ?? vm.nic[0];
  const observed: ObservedInstance = {
    instanceId: vm.id,
    platform: 'cloudstack',
    region: vm.zonename,
    zone: vm.zonename,
    state: stateOf(vm),
    instanceType: vm.serviceofferingname,
    imageId: vm.templateid,
    privateIp: nic?.ipaddress ?? null,
    publicIp: vm.publicip ?? null,
    launchedAt: isoOf(vm.created),
    tags,
  };
  for (const [field, key] of Object.entries(DROVER_TAG_KEYS) as [keyof typeof DROVER_TAG_KEYS, string][]) {
    const value = tags[key];
    if (value !== undefined) observed[field] = value;
  }
  return observed;
}
