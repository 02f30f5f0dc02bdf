// The GCE sandbox's world: instances and zone operations in memory, with the status machine
// PROVISIONING → STAGING → RUNNING, STOPPING → TERMINATED (GCE's "stopped"), and deletion
// (STOPPING, then gone). Every change is driven by timers read from SandboxTimings, and every
// change of the SandboxCloud-level state is told to listeners.
import { randomBytes } from 'node:crypto';
import type { SandboxInstance, SandboxInstanceState, SandboxTimings, StateChange } from '../core/sandbox-cloud';
import { type RegionInfo, regionOfZone } from './catalogue';
import type { OperationErrorEntry } from './errors';

export type GceStatus = 'PROVISIONING' | 'STAGING' | 'RUNNING' | 'STOPPING' | 'TERMINATED' | 'SUSPENDED';
export type OperationType = 'insert' | 'delete' | 'stop' | 'start' | 'reset';

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
  timer?: NodeJS.Timeout;
  /** The operation that completes when the current phase does. */
  pendingOp?: OperationRecord;
  deleteOp?: OperationRecord;
}

export interface OperationRecord {
  id: string;
  name: string;
  project: string;
  zone: string;
  operationType: OperationType;
  targetName: string;
  targetId: string;
  status: 'PENDING' | 'RUNNING' | 'DONE';
  user: string;
  insertTime: string;
  startTime: string;
  endTime?: string;
  error?: OperationErrorEntry[];
  httpErrorStatusCode?: number;
  httpErrorMessage?: string;
  waiters: Set<() => void>;
}

export const DEFAULT_TIMINGS: SandboxTimings = {
  bootMs: 3_000,
  shutdownMs: 1_000,
  terminatedRetentionMs: 60 * 60_000,
};
/** Share of bootMs spent in PROVISIONING; the insert/start operation is DONE when STAGING begins. */
const PROVISIONING_SHARE = 0.2;
/** Operations and request ids are remembered this long (GCE keeps request ids for at least an hour). */
const OPERATION_RETENTION_MS = 60 * 60_000;

const now = () => new Date().toISOString();
export const newNumericId = () => (randomBytes(8).readBigUInt64BE() | (1n << 62n)).toString();
const hex = (n: number) =>
  randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);

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

/** Orders instances by zone, then name (a space sorts below every character a zone or name may hold). */
export const instanceKey = (r: { zone: string; name: string }) => `${r.zone} ${r.name}`;

export class GceState {
  timings: SandboxTimings = { ...DEFAULT_TIMINGS };
  private readonly instancesByKey = new Map<string, InstanceRecord>();
  private readonly operations = new Map<string, OperationRecord>();
  private readonly requestIds = new Map<string, { op: OperationRecord; at: number }>();
  private tombstones: { instance: SandboxInstance; at: number }[] = [];
  private readonly listeners = new Set<(change: StateChange) => void>();
  private readonly ipCounters = new Map<string, number>();
  private publicIpCounter = 0;

  onStateChange(listener: (change: StateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  instance(project: string, zone: string, name: string): InstanceRecord | undefined {
    return this.instancesByKey.get(`${project}/${zone}/${name}`);
  }

  /** Instances sorted by zone then name, so page tokens stay valid while others come and go. */
  instances(project?: string, zones?: string[]): InstanceRecord[] {
    return [...this.instancesByKey.values()]
      .filter((r) => (project === undefined || r.project === project) && (!zones || zones.includes(r.zone)))
      .sort((a, b) => (instanceKey(a) < instanceKey(b) ? -1 : 1));
  }

  operation(project: string, zone: string, name: string): OperationRecord | undefined {
    return this.operations.get(`${project}/${zone}/${name}`);
  }

  operationForRequest(project: string, requestId: string): OperationRecord | undefined {
    return this.requestIds.get(`${project}/${requestId}`)?.op;
  }

  rememberRequest(project: string, requestId: string | null, op: OperationRecord): void {
    if (requestId) this.requestIds.set(`${project}/${requestId}`, { op, at: Date.now() });
  }

  insert(project: string, zone: string, spec: InstanceSpec, user: string): OperationRecord {
    const region = regionOfZone(zone) as RegionInfo;
    const record: InstanceRecord = {
      ...spec,
      id: newNumericId(),
      project,
      zone,
      region: region.name,
      status: 'PROVISIONING',
      deleting: false,
      networkIP: this.nextPrivateIp(region),
      natIP: null,
      creationTimestamp: now(),
      fingerprint: randomBytes(8).toString('base64'),
      revision: 0,
    };
    this.instancesByKey.set(`${project}/${zone}/${spec.name}`, record);
    const op = this.newOperation(project, zone, 'insert', record.name, record.id, user);
    this.emit(record, null);
    this.boot(record, op);
    return op;
  }

  /** An insert that GCE accepted but could not place: the operation ends with the error, no instance remains. */
  failedInsert(
    project: string,
    zone: string,
    name: string,
    user: string,
    error: OperationErrorEntry,
  ): OperationRecord {
    const op = this.newOperation(project, zone, 'insert', name, newNumericId(), user);
    const timer = setTimeout(
      () => this.finish(op, [error], 503, 'SERVICE UNAVAILABLE'),
      Math.min(50, this.timings.bootMs * PROVISIONING_SHARE),
    );
    timer.unref();
    return op;
  }

  stop(record: InstanceRecord, user: string): OperationRecord {
    const op = this.newOperation(record.project, record.zone, 'stop', record.name, record.id, user);
    if (record.status === 'TERMINATED' || record.status === 'STOPPING') {
      if (record.status === 'STOPPING' && record.pendingOp)
        record.pendingOp.waiters.add(() => this.finish(op));
      else this.finish(op);
      return op;
    }
    this.supersede(record, op);
    this.setStatus(record, 'STOPPING');
    this.schedule(record, this.timings.shutdownMs, () => {
      record.natIP = null;
      record.lastStopTimestamp = now();
      this.setStatus(record, 'TERMINATED');
      this.completePending(record);
    });
    return op;
  }

  start(record: InstanceRecord, user: string): OperationRecord {
    const op = this.newOperation(record.project, record.zone, 'start', record.name, record.id, user);
    if (record.status !== 'TERMINATED' && record.status !== 'SUSPENDED') {
      this.finish(op);
      return op;
    }
    this.supersede(record, op);
    this.setStatus(record, 'PROVISIONING');
    this.boot(record, op);
    return op;
  }

  reset(record: InstanceRecord, user: string): OperationRecord {
    const op = this.newOperation(record.project, record.zone, 'reset', record.name, record.id, user);
    // A reset is a hard power cycle: the status stays RUNNING throughout.
    const timer = setTimeout(() => this.finish(op), Math.min(20, this.timings.bootMs * PROVISIONING_SHARE));
    timer.unref();
    return op;
  }

  delete(record: InstanceRecord, user: string): OperationRecord {
    if (record.deleteOp) return record.deleteOp;
    const op = this.newOperation(record.project, record.zone, 'delete', record.name, record.id, user);
    record.deleteOp = op;
    this.supersede(record, op);
    const wasStopped = record.status === 'TERMINATED' || record.status === 'SUSPENDED';
    const previous = sandboxStateOf(record);
    record.deleting = true;
    if (!wasStopped) record.status = 'STOPPING';
    this.emit(record, previous);
    this.schedule(record, wasStopped ? Math.min(this.timings.shutdownMs, 20) : this.timings.shutdownMs, () =>
      this.remove(record),
    );
    return op;
  }

  /** Deletes an instance behind the API's back (a person in the console, a reclaimed host). */
  kill(name: string): boolean {
    const record = [...this.instancesByKey.values()].find((r) => r.name === name && !r.deleting);
    if (!record) return false;
    this.delete(record, 'console@sandbox');
    return true;
  }

  sandboxInstances(): SandboxInstance[] {
    this.pruneTombstones();
    return [...this.instancesByKey.values()]
      .map((r) => this.view(r))
      .concat(this.tombstones.map((t) => t.instance));
  }

  /** Resolves when the operation is DONE or after timeoutMs (zoneOperations.wait's contract). */
  waitFor(op: OperationRecord, timeoutMs: number): Promise<void> {
    if (op.status === 'DONE') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        op.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      op.waiters.add(done);
    });
  }

  close(): void {
    for (const record of this.instancesByKey.values()) clearTimeout(record.timer);
    for (const op of this.operations.values()) for (const waiter of [...op.waiters]) waiter();
  }

  private boot(record: InstanceRecord, op: OperationRecord): void {
    const provisioning = this.timings.bootMs * PROVISIONING_SHARE;
    record.pendingOp = op;
    this.schedule(record, provisioning, () => {
      this.setStatus(record, 'STAGING');
      this.completePending(record);
      this.schedule(record, this.timings.bootMs - provisioning, () => {
        if (record.externalIp) record.natIP = this.nextPublicIp();
        record.lastStartTimestamp = now();
        this.setStatus(record, 'RUNNING');
      });
    });
  }

  private remove(record: InstanceRecord): void {
    const key = `${record.project}/${record.zone}/${record.name}`;
    if (this.instancesByKey.get(key) !== record) return;
    this.instancesByKey.delete(key);
    const previous = sandboxStateOf(record);
    const instance = { ...this.view(record), state: 'terminated' as const };
    this.tombstones.push({ instance, at: Date.now() });
    this.notify({ instance, previous });
    if (record.deleteOp) this.finish(record.deleteOp);
    this.completePending(record);
  }

  private supersede(record: InstanceRecord, op: OperationRecord): void {
    this.completePending(record);
    record.pendingOp = op;
  }

  private completePending(record: InstanceRecord): void {
    const op = record.pendingOp;
    record.pendingOp = undefined;
    if (op && op.status !== 'DONE') this.finish(op);
  }

  private schedule(record: InstanceRecord, delayMs: number, step: () => void): void {
    clearTimeout(record.timer);
    record.timer = setTimeout(
      () => {
        record.timer = undefined;
        step();
      },
      Math.max(0, delayMs),
    );
    record.timer.unref();
  }

  private setStatus(record: InstanceRecord, status: GceStatus): void {
    const previous = sandboxStateOf(record);
    record.status = status;
    this.emit(record, previous);
  }

  private emit(record: InstanceRecord, previous: SandboxInstanceState | null): void {
    record.revision++;
    if (previous === sandboxStateOf(record)) return;
    this.notify({ instance: this.view(record), previous });
  }

  private notify(change: StateChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A listener's failure must not break the cloud's own state machine.
      }
    }
  }

  private newOperation(
    project: string,
    zone: string,
    operationType: OperationType,
    targetName: string,
    targetId: string,
    user: string,
  ): OperationRecord {
    this.pruneOperations();
    const at = now();
    const op: OperationRecord = {
      id: newNumericId(),
      name: `operation-${Date.now()}-${hex(13)}-${hex(8)}-${hex(8)}`,
      project,
      zone,
      operationType,
      targetName,
      targetId,
      status: 'RUNNING',
      user,
      insertTime: at,
      startTime: at,
      waiters: new Set(),
    };
    this.operations.set(`${project}/${zone}/${op.name}`, op);
    return op;
  }

  private finish(
    op: OperationRecord,
    error?: OperationErrorEntry[],
    httpStatus?: number,
    httpMessage?: string,
  ): void {
    if (op.status === 'DONE') return;
    op.status = 'DONE';
    op.endTime = now();
    if (error) {
      op.error = error;
      op.httpErrorStatusCode = httpStatus;
      op.httpErrorMessage = httpMessage;
    }
    for (const waiter of [...op.waiters]) waiter();
  }

  private view(record: InstanceRecord): SandboxInstance {
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

  private nextPrivateIp(region: RegionInfo): string {
    const n = (this.ipCounters.get(region.name) ?? 0) + 1;
    this.ipCounters.set(region.name, n);
    return `${region.cidrPrefix}.${Math.floor(n / 250) % 16}.${(n % 250) + 2}`;
  }

  private nextPublicIp(): string {
    const n = ++this.publicIpCounter;
    return `34.${66 + (Math.floor(n / 62500) % 60)}.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;
  }

  private pruneTombstones(): void {
    const cutoff = Date.now() - this.timings.terminatedRetentionMs;
    if (this.tombstones.length > 0 && (this.tombstones[0]?.at ?? 0) < cutoff)
      this.tombstones = this.tombstones.filter((t) => t.at >= cutoff);
  }

  private pruneOperations(): void {
    if (this.operations.size < 10_000) return;
    const cutoff = Date.now() - OPERATION_RETENTION_MS;
    for (const [key, op] of this.operations)
      if (op.status === 'DONE' && Date.parse(op.insertTime) < cutoff) this.operations.delete(key);
    for (const [key, entry] of this.requestIds) if (entry.at < cutoff) this.requestIds.delete(key);
  }
}
