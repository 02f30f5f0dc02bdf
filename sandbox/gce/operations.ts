// The GCE sandbox's zone operations: every mutation answers one, the instance's state machine
// completes it later, `zoneOperations.wait` waits for it, and a repeated `requestId` answers the
// first one again. Operations and request ids are remembered an hour (GCE keeps request ids at least that long).
import { randomBytes } from 'node:crypto';
import type { OperationErrorEntry } from './errors';
import { newNumericId } from './ids';

export type OperationType = 'insert' | 'delete' | 'stop' | 'start' | 'reset';

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

/** How a failed operation ends: its error entries and the HTTP status and message GCE reports with them. */
export interface OperationFailure {
  errors: OperationErrorEntry[];
  httpStatus: number;
  httpMessage: string;
}

const RETENTION_MS = 60 * 60_000;
/** Below this many operations nothing is pruned (pruning walks them all). */
const PRUNE_ABOVE = 10_000;

const now = () => new Date().toISOString();
const hex = (n: number) =>
  randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);

export class ZoneOperations {
  private readonly byPath = new Map<string, OperationRecord>();
  private readonly requestIds = new Map<string, { op: OperationRecord; at: number }>();

  get(project: string, zone: string, name: string): OperationRecord | undefined {
    return this.byPath.get(`${project}/${zone}/${name}`);
  }

  forRequest(project: string, requestId: string): OperationRecord | undefined {
    return this.requestIds.get(`${project}/${requestId}`)?.op;
  }

  rememberRequest(project: string, requestId: string | null, op: OperationRecord): void {
    if (requestId) this.requestIds.set(`${project}/${requestId}`, { op, at: Date.now() });
  }

  /** A new RUNNING operation on `targetName`. */
  open(
    target: { project: string; zone: string; name: string; id: string },
    operationType: OperationType,
    user: string,
  ): OperationRecord {
    this.prune();
    const at = now();
    const op: OperationRecord = {
      id: newNumericId(),
      name: `operation-${Date.now()}-${hex(13)}-${hex(8)}-${hex(8)}`,
      project: target.project,
      zone: target.zone,
      operationType,
      targetName: target.name,
      targetId: target.id,
      status: 'RUNNING',
      user,
      insertTime: at,
      startTime: at,
      waiters: new Set(),
    };
    this.byPath.set(`${op.project}/${op.zone}/${op.name}`, op);
    return op;
  }

  /** Marks the operation DONE (with its failure, if any) and wakes whoever waits for it. */
  finish(op: OperationRecord, failure?: OperationFailure): void {
    if (op.status === 'DONE') return;
    op.status = 'DONE';
    op.endTime = now();
    if (failure) {
      op.error = failure.errors;
      op.httpErrorStatusCode = failure.httpStatus;
      op.httpErrorMessage = failure.httpMessage;
    }
    for (const waiter of [...op.waiters]) waiter();
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

  /** Releases every waiter (the sandbox is stopping). */
  releaseWaiters(): void {
    for (const op of this.byPath.values()) for (const waiter of [...op.waiters]) waiter();
  }

  private prune(): void {
    if (this.byPath.size < PRUNE_ABOVE) return;
    const cutoff = Date.now() - RETENTION_MS;
    for (const [key, op] of this.byPath)
      if (op.status === 'DONE' && Date.parse(op.insertTime) < cutoff) this.byPath.delete(key);
    for (const [key, entry] of this.requestIds) if (entry.at < cutoff) this.requestIds.delete(key);
  }
}
