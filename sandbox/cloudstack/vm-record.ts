// One virtual machine of the CloudStack sandbox, its wire form (the VirtualMachine schema the
// client parses) and its view for the sandbox core. CloudStack's states map onto the core's:
// Starting → pending, Running → running, Stopping → stopping (or shutting-down when destroying),
// Stopped → stopped, Destroyed/Expunging/Error → terminated.
import type { Tag, VirtualMachine, VmState } from '../../functions/adapters/clouds/cloudstack/client/wire';
import type { SandboxInstance, SandboxInstanceState } from '../core/sandbox-cloud';
import { NETWORKS, SERVICE_OFFERINGS, zoneById } from './catalogue';

export interface VmRecord {
  id: string;
  name: string;
  displayname: string;
  state: VmState;
  /** Stopping on the way to Destroyed (the core calls that shutting-down). */
  destroying: boolean;
  zoneid: string;
  serviceofferingid: string;
  templateid: string;
  networkids: string[];
  securitygroups: { id: string; name: string }[];
  keypair: string | undefined;
  userdata: string | null;
  ipaddress: string;
  created: string;
  tags: Tag[];
  dataDisks: { size: number; diskofferingid: string }[];
}

export function sandboxStateOf(vm: VmRecord): SandboxInstanceState {
  switch (vm.state) {
    case 'Starting':
      return 'pending';
    case 'Running':
    case 'Migrating':
      return 'running';
    case 'Stopping':
      return vm.destroying ? 'shutting-down' : 'stopping';
    case 'Stopped':
    case 'Shutdowned':
      return 'stopped';
    default:
      return 'terminated';
  }
}

export function wireOf(vm: VmRecord): VirtualMachine {
  const zone = zoneById(vm.zoneid);
  const offering = SERVICE_OFFERINGS.find((o) => o.id === vm.serviceofferingid);
  return {
    id: vm.id,
    name: vm.name,
    displayname: vm.displayname,
    state: vm.state,
    zoneid: vm.zoneid,
    zonename: zone?.name ?? '',
    templateid: vm.templateid,
    serviceofferingid: vm.serviceofferingid,
    serviceofferingname: offering?.name ?? '',
    created: vm.created,
    ...(vm.keypair ? { keypair: vm.keypair } : {}),
    nic: vm.networkids.map((networkid, i) => ({
      id: `${vm.id.slice(0, 24)}${String(i).padStart(12, '0')}`,
      networkid,
      networkname: NETWORKS.find((n) => n.id === networkid)?.name ?? '',
      ipaddress: i === 0 ? vm.ipaddress : `${vm.ipaddress}${i}`,
      isdefault: i === 0,
    })),
    securitygroup: vm.securitygroups,
    tags: vm.tags.map((t) => ({ ...t, resourcetype: 'UserVm', resourceid: vm.id })),
  };
}

export function sandboxView(vm: VmRecord): SandboxInstance {
  const zone = zoneById(vm.zoneid);
  return {
    instanceId: vm.id,
    region: zone?.name ?? '',
    zone: zone?.name ?? '',
    state: sandboxStateOf(vm),
    instanceType: SERVICE_OFFERINGS.find((o) => o.id === vm.serviceofferingid)?.name ?? '',
    imageId: vm.templateid,
    privateIp: vm.ipaddress,
    publicIp: null,
    launchedAt: vm.created,
    tags: Object.fromEntries(vm.tags.map((t) => [t.key, t.value])),
    userData: vm.userdata,
  };
}

/** CloudStack's timestamps: `2026-12-07T14:10:00+0000`. */
export const csNow = () => `${new Date().toISOString().slice(0, 19)}+0000`;
