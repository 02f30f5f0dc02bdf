// A GCE sandbox instance as the world keeps it: what an insert asked for, its status in GCE's
// machine (PROVISIONING → STAGING → RUNNING, STOPPING → TERMINATED, GCE's "stopped"), and how that
// reads as the core's SandboxInstance; plus the addresses the sandbox hands out.
import type { SandboxInstance, SandboxInstanceState } from '../core/sandbox-cloud';
import type { RegionInfo } from './catalogue';
import type { OperationRecord } from './operations';

export type GceStatus = 'PROVISIONING' | 'STAGING' | 'RUNNING' | 'STOPPING' | 'TERMINATED' | 'SUSPENDED';

export interface AttachedDiskRecord {
  deviceName: string;
  boot: boolean;
  autoDelete: boolean;
  diskSizeGb: number;
  diskType: string;
}

/** What an insert asks for, already validated by the route. */
export interface InstanceSpec {
  name: string;
  description: string;
  machineType: string;
  sourceImage: string;
  labels: Record<string, string>;
  networkTags: string[];
  metadata: { key: string; value: string }[];
  serviceAccounts: { email: string; scopes: string[] }[];
  network: string;
  subnetwork: string;
  externalIp: boolean;
  disks: AttachedDiskRecord[];
}

export interface InstanceRecord extends InstanceSpec {
  id: string;
  project: string;
  zone: string;
  region: string;
  status: GceStatus;
  deleting: boolean;
  networkIP: string;
  natIP: string | null;
  creationTimestamp: string;
  lastStartTimestamp?: string;
  lastStopTimestamp?: string;
  fingerprint: string;
  /** Bumped on every change, so a rendered resource can be cached until the next one. */
  revision: number;
  /** The operation that completes when the current phase does. */
  pendingOp?: OperationRecord;
  deleteOp?: OperationRecord;
}

/** Where the world files a record: one name per project and zone. */
export const recordPath = (r: { project: string; zone: string; name: string }) =>
  `${r.project}/${r.zone}/${r.name}`;

/** Orders instances by zone, then name (a space sorts below every character a zone or name may hold). */
export const instanceKey = (r: { zone: string; name: string }) => `${r.zone} ${r.name}`;

export function sandboxStateOf(record: InstanceRecord): SandboxInstanceState {
  if (record.deleting) return 'shutting-down';
  switch (record.status) {
    case 'PROVISIONING':
    case 'STAGING':
      return 'pending';
    case 'RUNNING':
      return 'running';
    case 'STOPPING':
      return 'stopping';
    default:
      return 'stopped';
  }
}

/** The record as every sandbox cloud shows an instance (labels as tags, the startup-script as user data). */
export function sandboxView(record: InstanceRecord): SandboxInstance {
  return {
    instanceId: record.name,
    region: record.region,
    zone: record.zone,
    state: sandboxStateOf(record),
    instanceType: record.machineType,
    imageId: record.sourceImage,
    privateIp: record.networkIP,
    publicIp: record.natIP,
    launchedAt: record.creationTimestamp,
    tags: { ...record.labels },
    userData: record.metadata.find((m) => m.key === 'startup-script')?.value ?? null,
  };
}

/** Private addresses per region (inside its CIDR) and ephemeral public ones, handed out in order. */
export class AddressPool {
  private readonly privateCounters = new Map<string, number>();
  private publicCounter = 0;

  nextPrivateIp(region: RegionInfo): string {
    const n = (this.privateCounters.get(region.name) ?? 0) + 1;
    this.privateCounters.set(region.name, n);
    return `${region.cidrPrefix}.${Math.floor(n / 250) % 16}.${(n % 250) + 2}`;
  }

  nextPublicIp(): string {
    const n = ++this.publicCounter;
    return `34.${66 + (Math.floor(n / 62500) % 60)}.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;
  }
}
