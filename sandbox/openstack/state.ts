// The OpenStack sandbox's world: Nova servers with Nova's vm_state/task_state machine, the
// Cinder volumes made for them or on their own, key pairs and server groups. Every change is
// driven by the core's timers, read from SandboxTimings, and every change of the
// SandboxInstanceState is told to the core's listeners. A deleted server leaves a `terminated`
// tombstone for `terminatedRetentionMs` (Nova itself stops listing it at once).
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  SandboxInstance,
  SandboxInstanceState,
  SandboxTimings,
  StateChange,
} from '../core/sandbox-cloud';
import type { SandboxWorld } from '../core/sandbox-server';
import { StateChangeListeners } from '../core/state-changes';
import { TransitionTimers } from '../core/timings';
import { Tombstones } from '../core/tombstones';
import { findRegion, PRIVATE_NETWORK } from './catalogue';
import { NO_VALID_HOST } from './errors';
import {
  type ServerRecord,
  sandboxStateOf,
  sandboxView,
  type TaskState,
  type VmState,
} from './server-record';

/** The sandbox's instance quota unless a test sets another (OpenStackSandbox.setInstanceQuota). */
export const DEFAULT_INSTANCE_QUOTA = 2_000;

export const DEFAULT_TIMINGS: SandboxTimings = {
  bootMs: 3_000,
  shutdownMs: 1_000,
  terminatedRetentionMs: 60 * 60_000,
};
/** The scheduler's share of bootMs (at most 50 ms): after it the server is placed, or ERROR with "No valid host". */
const SCHEDULING_SHARE = 0.2;
const REBOOT_MS = 20;

export type NewServer = Omit<
  ServerRecord,
  'id' | 'vmState' | 'taskState' | 'created' | 'updated' | 'launchedAt' | 'addresses' | 'volumeIds'
> & {
  volumes: { size: number; type: string | null }[];
  /** The scheduler will find no host for it (the sandbox's capacity fault). */
  noValidHost: boolean;
};

export interface VolumeRecord {
  id: string;
  projectId: string;
  region: string;
  zone: string;
  name: string | null;
  size: number;
  type: string | null;
  status: 'creating' | 'available' | 'in-use' | 'deleting';
  serverId: string | null;
  created: string;
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export class OpenStackState implements SandboxWorld {
  timings: SandboxTimings = { ...DEFAULT_TIMINGS };
  /** The instances a project may hold in a region (Nova's default is 10; generous here for benchmarks). */
  instanceQuota = DEFAULT_INSTANCE_QUOTA;
  readonly volumes = new Map<string, VolumeRecord>();
  readonly keyPairs = new Map<
    string,
    { name: string; public_key: string; fingerprint: string; type: string }
  >();
  readonly serverGroups = new Map<
    string,
    { id: string; name: string; policy: string; members: string[]; projectId: string }
  >();
  private readonly servers = new Map<string, ServerRecord>();
  private readonly tombstones = new Tombstones(() => this.timings.terminatedRetentionMs);
  private readonly listeners = new StateChangeListeners();
  private readonly timers = new TransitionTimers();
  private addressCounter = 0;

  onStateChange(listener: (change: StateChange) => void): () => void {
    return this.listeners.add(listener);
  }

  server(projectId: string, region: string, id: string): ServerRecord | undefined {
    const record = this.servers.get(id);
    return record && record.projectId === projectId && record.region === region ? record : undefined;
  }

  /** A project's servers in a region, oldest first (then by id), the order pages are cut in. */
  list(projectId: string, region: string): ServerRecord[] {
    return [...this.servers.values()]
      .filter((r) => r.projectId === projectId && r.region === region)
      .sort((a, b) => (a.created === b.created ? (a.id < b.id ? -1 : 1) : a.created < b.created ? -1 : 1));
  }

  create(spec: NewServer): ServerRecord {
    const { volumes, noValidHost, ...rest } = spec;
    const at = now();
    const record: ServerRecord = {
      ...rest,
      id: randomUUID(),
      vmState: 'building',
      taskState: 'scheduling',
      created: at,
      updated: at,
      launchedAt: null,
      addresses: [],
      volumeIds: [],
    };
    this.servers.set(record.id, record);
    this.emit(record, null);
    const scheduling = Math.min(50, this.timings.bootMs * SCHEDULING_SHARE);
    this.schedule(record, scheduling, () => {
      if (noValidHost) {
        record.fault = { ...NO_VALID_HOST, created: now() };
        return this.set(record, 'error', null);
      }
      record.addresses.push(this.nextAddress(record.region));
      for (const v of volumes) record.volumeIds.push(this.attachNewVolume(record, v).id);
      this.set(record, 'building', 'spawning');
      this.schedule(record, this.timings.bootMs - scheduling, () => {
        record.launchedAt = now();
        this.set(record, 'active', null);
      });
    });
    return record;
  }

  stop(record: ServerRecord): void {
    this.set(record, record.vmState, 'powering-off');
    this.schedule(record, this.timings.shutdownMs, () => this.set(record, 'stopped', null));
  }

  start(record: ServerRecord): void {
    this.set(record, record.vmState, 'powering-on');
    this.schedule(record, this.timings.bootMs, () => this.set(record, 'active', null));
  }

  reboot(record: ServerRecord): void {
    this.set(record, 'active', 'rebooting');
    this.schedule(record, Math.min(REBOOT_MS, this.timings.bootMs), () => this.set(record, 'active', null));
  }

  delete(record: ServerRecord): void {
    if (record.taskState === 'deleting') return;
    const stopped = record.vmState !== 'active';
    this.set(record, record.vmState, 'deleting');
    this.schedule(record, stopped ? Math.min(this.timings.shutdownMs, 20) : this.timings.shutdownMs, () =>
      this.remove(record),
    );
  }

  kill(id: string): boolean {
    const record = this.servers.get(id);
    if (!record || record.taskState === 'deleting') return false;
    this.delete(record);
    return true;
  }

  instances(): SandboxInstance[] {
    return [...this.servers.values()].map(sandboxView).concat(this.tombstones.list());
  }

  close(): void {
    this.timers.cancelAll();
  }

  createVolume(v: Omit<VolumeRecord, 'id' | 'status' | 'serverId' | 'created'>): VolumeRecord {
    const volume: VolumeRecord = {
      ...v,
      id: randomUUID(),
      status: 'creating',
      serverId: null,
      created: now(),
    };
    this.volumes.set(volume.id, volume);
    this.timers.after(`volume/${volume.id}`, Math.min(50, this.timings.bootMs), () => {
      volume.status = 'available';
    });
    return volume;
  }

  private attachNewVolume(record: ServerRecord, v: { size: number; type: string | null }): VolumeRecord {
    const volume = this.createVolume({
      projectId: record.projectId,
      region: record.region,
      zone: record.zone,
      name: '',
      size: v.size,
      type: v.type,
    });
    this.timers.cancel(`volume/${volume.id}`);
    volume.status = 'in-use';
    volume.serverId = record.id;
    return volume;
  }

  private remove(record: ServerRecord): void {
    if (this.servers.get(record.id) !== record) return;
    this.servers.delete(record.id);
    for (const id of record.volumeIds) this.volumes.delete(id);
    const previous = sandboxStateOf(record);
    const instance = { ...sandboxView(record), state: 'terminated' as const };
    this.tombstones.add(instance);
    this.listeners.tell({ instance, previous });
  }

  private nextAddress(region: string): { network: string; addr: string; mac: string } {
    const n = ++this.addressCounter;
    const prefix = findRegion(region)?.cidrPrefix ?? '10.9';
    return {
      network: PRIVATE_NETWORK,
      addr: `${prefix}.${Math.floor(n / 250) % 250}.${(n % 250) + 3}`,
      mac: `fa:16:3e:${randomBytes(3).toString('hex').match(/../g)?.join(':')}`,
    };
  }

  private schedule(record: ServerRecord, delayMs: number, step: () => void): void {
    this.timers.after(record.id, delayMs, step);
  }

  private set(record: ServerRecord, vmState: VmState, taskState: TaskState): void {
    const previous = sandboxStateOf(record);
    record.vmState = vmState;
    record.taskState = taskState;
    record.updated = now();
    if (previous !== sandboxStateOf(record)) this.listeners.tell({ instance: sandboxView(record), previous });
  }

  private emit(record: ServerRecord, previous: SandboxInstanceState | null): void {
    this.listeners.tell({ instance: sandboxView(record), previous });
  }
}
