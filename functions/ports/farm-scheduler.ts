// FarmScheduler: one recurring reconcile per running farm (EventBridge Scheduler in AWS,
// timers locally). Created on launch, removed when the farm is Terminated. Both calls are
// idempotent.
export interface FarmRef {
  accountId: string;
  farmId: string;
}

export interface FarmScheduler {
  ensure(farm: FarmRef): Promise<void>;
  remove(farm: FarmRef): Promise<void>;
}

/** What a scheduled or event-triggered reconcile receives. */
export interface ReconcileRequest extends FarmRef {
  reason: string;
}
