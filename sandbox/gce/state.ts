// The GCE sandbox's world: instances with GCE's status machine (see instance-record.ts) and the
// zone operations that report on it (operations.ts). Every change is driven by the core's timers,
// read from SandboxTimings, and every change of the SandboxInstanceState is told to the core's
// listeners. A deleted instance leaves a `terminated` tombstone for `terminatedRetentionMs`.
import { randomBytes } from 'node:crypto';
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
import { type RegionInfo, regionOfZone } from './catalogue';
import type { OperationErrorEntry } from './errors';
import { newNumericId } from './ids';
import {
  AddressPool,
  type GceStatus,
  type InstanceRecord,
  type InstanceSpec,
  instanceKey,
  recordPath,
  sandboxStateOf,
  sandboxView,
} from './instance-record';
import { type OperationRecord, ZoneOperations } from './operations';

export const DEFAULT_TIMINGS: SandboxTimings = {
  bootMs: 3_000,
  shutdownMs: 1_000,
  terminatedRetentionMs: 60 * 60_000,
};
/** Share of bootMs spent in PROVISIONING; the insert/start operation is DONE when STAGING begins. */
const PROVISIONING_SHARE = 0.2;

const now = () => new Date().toISOString();

export class GceState implements SandboxWorld {
  timings: SandboxTimings = { ...DEFAULT_TIMINGS };
  readonly operations = new ZoneOperations();
  private readonly byPath = new Map<string, InstanceRecord>();
  private readonly tombstones = new Tombstones(() => this.timings.terminatedRetentionMs);
  private readonly listeners = new StateChangeListeners();
  private readonly timers = new TransitionTimers();
  private readonly addresses = new AddressPool();

  onStateChange(listener: (change: StateChange) => void): () => void {
    return this.listeners.add(listener);
  }

  instance(project: string, zone: string, name: string): InstanceRecord | undefined {
    return this.byPath.get(recordPath({ project, zone, name }));
  }

  /** Records sorted by zone then name, so page tokens stay valid while others come and go. */
  records(project?: string, zones?: string[]): InstanceRecord[] {
    return [...this.byPath.values()]
      .filter((r) => (project === undefined || r.project === project) && (!zones || zones.includes(r.zone)))
      .sort((a, b) => (instanceKey(a) < instanceKey(b) ? -1 : 1));
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
      networkIP: this.addresses.nextPrivateIp(region),
      natIP: null,
      creationTimestamp: now(),
      fingerprint: randomBytes(8).toString('base64'),
      revision: 0,
    };
    this.byPath.set(recordPath(record), record);
    const op = this.operations.open(record, 'insert', user);
    this.emit(record, null);
    this.boot(record, op);
    return op;
  }

  /** An insert that GCE accepted but could not place: the operation ends with the error, no instance remains. */
  failedInsert(project: string, zone: string, name: string, user: string, error: OperationErrorEntry) {
    const op = this.operations.open({ project, zone, name, id: newNumericId() }, 'insert', user);
    const failure = { errors: [error], httpStatus: 503, httpMessage: 'SERVICE UNAVAILABLE' };
    const timer = setTimeout(
      () => this.operations.finish(op, failure),
      Math.min(50, this.timings.bootMs * PROVISIONING_SHARE),
    );
    timer.unref();
    return op;
  }

  stop(record: InstanceRecord, user: string): OperationRecord {
    const op = this.operations.open(record, 'stop', user);
    if (record.status === 'TERMINATED' || record.status === 'STOPPING') {
      if (record.status === 'STOPPING' && record.pendingOp)
        record.pendingOp.waiters.add(() => this.operations.finish(op));
      else this.operations.finish(op);
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
    const op = this.operations.open(record, 'start', user);
    if (record.status !== 'TERMINATED' && record.status !== 'SUSPENDED') {
      this.operations.finish(op);
      return op;
    }
    this.supersede(record, op);
    this.setStatus(record, 'PROVISIONING');
    this.boot(record, op);
    return op;
  }

  reset(record: InstanceRecord, user: string): OperationRecord {
    const op = this.operations.open(record, 'reset', user);
    // A reset is a hard power cycle: the status stays RUNNING throughout.
    const timer = setTimeout(
      () => this.operations.finish(op),
      Math.min(20, this.timings.bootMs * PROVISIONING_SHARE),
    );
    timer.unref();
    return op;
  }

  delete(record: InstanceRecord, user: string): OperationRecord {
    if (record.deleteOp) return record.deleteOp;
    const op = this.operations.open(record, 'delete', user);
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
    const record = [...this.byPath.values()].find((r) => r.name === name && !r.deleting);
    if (!record) return false;
    this.delete(record, 'console@sandbox');
    return true;
  }

  instances(): SandboxInstance[] {
    return [...this.byPath.values()].map(sandboxView).concat(this.tombstones.list());
  }

  close(): void {
    this.timers.cancelAll();
    this.operations.releaseWaiters();
  }

  private boot(record: InstanceRecord, op: OperationRecord): void {
    const provisioning = this.timings.bootMs * PROVISIONING_SHARE;
    record.pendingOp = op;
    this.schedule(record, provisioning, () => {
      this.setStatus(record, 'STAGING');
      this.completePending(record);
      this.schedule(record, this.timings.bootMs - provisioning, () => {
        if (record.externalIp) record.natIP = this.addresses.nextPublicIp();
        record.lastStartTimestamp = now();
        this.setStatus(record, 'RUNNING');
      });
    });
  }

  private remove(record: InstanceRecord): void {
    const key = recordPath(record);
    if (this.byPath.get(key) !== record) return;
    this.byPath.delete(key);
    const previous = sandboxStateOf(record);
    const instance = { ...sandboxView(record), state: 'terminated' as const };
    this.tombstones.add(instance);
    this.listeners.tell({ instance, previous });
    if (record.deleteOp) this.operations.finish(record.deleteOp);
    this.completePending(record);
  }

  private supersede(record: InstanceRecord, op: OperationRecord): void {
    this.completePending(record);
    record.pendingOp = op;
  }

  private completePending(record: InstanceRecord): void {
    const op = record.pendingOp;
    record.pendingOp = undefined;
    if (op && op.status !== 'DONE') this.operations.finish(op);
  }

  private schedule(record: InstanceRecord, delayMs: number, step: () => void): void {
    this.timers.after(recordPath(record), delayMs, step);
  }

  private setStatus(record: InstanceRecord, status: GceStatus): void {
    const previous = sandboxStateOf(record);
    record.status = status;
    this.emit(record, previous);
  }

  private emit(record: InstanceRecord, previous: SandboxInstanceState | null): void {
    record.revision++;
    if (previous !== sandboxStateOf(record)) this.listeners.tell({ instance: sandboxView(record), previous });
  }
}
