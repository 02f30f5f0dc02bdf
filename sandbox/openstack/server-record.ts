// A Nova server as the sandbox keeps it, its JSON at microversion 2.79 (`GET /servers/{id}`),
// and how it reads as the core's SandboxInstance. Nova's status is derived from vm_state and
// task_state as Nova does: BUILD while building, ACTIVE, SHUTOFF (stopped), REBOOT, ERROR; a
// deleted server is gone from the API and leaves a `terminated` tombstone in the sandbox view.
import type { Server } from '../../functions/adapters/clouds/openstack/client/wire/nova';
import type { SandboxInstance, SandboxInstanceState } from '../core/sandbox-cloud';
import type { FlavorInfo } from './catalogue';

export type VmState = 'building' | 'active' | 'stopped' | 'error';
export type TaskState =
  | 'scheduling'
  | 'spawning'
  | 'powering-off'
  | 'powering-on'
  | 'rebooting'
  | 'deleting'
  | null;

export interface ServerRecord {
  id: string;
  name: string;
  projectId: string;
  userId: string;
  region: string;
  zone: string;
  flavor: FlavorInfo;
  imageId: string;
  vmState: VmState;
  taskState: TaskState;
  created: string;
  updated: string;
  launchedAt: string | null;
  tags: string[];
  metadata: Record<string, string>;
  /** Decoded from the create body's base64. */
  userData: string | null;
  keyName: string | null;
  securityGroups: string[];
  /** Network name → the server's fixed address on it. */
  addresses: { network: string; addr: string; mac: string }[];
  volumeIds: string[];
  fault?: { code: number; message: string; created: string };
}

const POWER_STATE: Record<VmState, number> = { building: 0, active: 1, stopped: 4, error: 0 };

export function novaStatus(record: ServerRecord): Server['status'] {
  if (record.vmState === 'building') return 'BUILD';
  if (record.vmState === 'error') return 'ERROR';
  if (record.vmState === 'stopped') return 'SHUTOFF';
  return record.taskState === 'rebooting' ? 'REBOOT' : 'ACTIVE';
}

export function sandboxStateOf(record: ServerRecord): SandboxInstanceState {
  switch (record.taskState) {
    case 'deleting':
      return 'shutting-down';
    case 'powering-off':
      return 'stopping';
    case 'powering-on':
      return 'pending';
    default:
      return record.vmState === 'building' ? 'pending' : record.vmState === 'active' ? 'running' : 'stopped';
  }
}

export function sandboxView(record: ServerRecord): SandboxInstance {
  return {
    instanceId: record.id,
    region: record.region,
    zone: record.zone,
    state: sandboxStateOf(record),
    instanceType: record.flavor.name,
    imageId: record.imageId,
    privateIp: record.addresses[0]?.addr ?? '',
    publicIp: null,
    launchedAt: record.created,
    tags: { ...record.metadata },
    userData: record.userData,
  };
}

/** Before microversion 2.47 a server names its flavor by id and link instead of embedding it. */
function flavorJson(record: ServerRecord, computeRoot: string, embedded: boolean) {
  const { flavor } = record;
  if (!embedded)
    return { id: flavor.id, links: [{ rel: 'bookmark', href: `${computeRoot}/flavors/${flavor.id}` }] };
  return {
    vcpus: flavor.vcpus,
    ram: flavor.ram,
    disk: flavor.disk,
    ephemeral: 0,
    swap: 0,
    original_name: flavor.name,
    extra_specs: {},
  };
}

export function serverJson(
  record: ServerRecord,
  computeRoot: string,
  imageRoot: string,
  embedFlavor = true,
): Server {
  const self = `${computeRoot}/servers/${record.id}`;
  const addresses: Server['addresses'] = {};
  for (const a of record.addresses) {
    addresses[a.network] ??= [];
    addresses[a.network]?.push({
      addr: a.addr,
      version: 4,
      'OS-EXT-IPS:type': 'fixed',
      'OS-EXT-IPS-MAC:mac_addr': a.mac,
    });
  }
  return {
    id: record.id,
    name: record.name,
    status: novaStatus(record),
    tenant_id: record.projectId,
    user_id: record.userId,
    metadata: { ...record.metadata },
    hostId:
      record.vmState === 'building' && record.taskState === 'scheduling'
        ? ''
        : record.id.replace(/-/g, '').slice(0, 28),
    image: record.imageId
      ? { id: record.imageId, links: [{ rel: 'bookmark', href: `${imageRoot}/images/${record.imageId}` }] }
      : '',
    // Typed as the client sees it (2.79); older microversions get the id form.
    flavor: flavorJson(record, computeRoot, embedFlavor) as Server['flavor'],
    created: record.created,
    updated: record.updated,
    addresses,
    accessIPv4: '',
    accessIPv6: '',
    links: [
      { rel: 'self', href: self },
      { rel: 'bookmark', href: self },
    ],
    key_name: record.keyName,
    tags: [...record.tags],
    locked: false,
    locked_reason: null,
    description: null,
    config_drive: '',
    progress: record.vmState === 'building' ? 0 : 100,
    'OS-DCF:diskConfig': 'MANUAL',
    'OS-EXT-AZ:availability_zone': record.zone,
    'OS-EXT-STS:power_state': POWER_STATE[record.vmState],
    'OS-EXT-STS:task_state': record.taskState,
    'OS-EXT-STS:vm_state': record.vmState,
    'OS-SRV-USG:launched_at': record.launchedAt,
    'OS-SRV-USG:terminated_at': null,
    'os-extended-volumes:volumes_attached': record.volumeIds.map((id) => ({
      id,
      delete_on_termination: true,
    })),
    security_groups: record.securityGroups.map((name) => ({ name })),
    trusted_image_certificates: null,
    host_status: '',
    ...(record.fault && { fault: record.fault }),
  };
}
