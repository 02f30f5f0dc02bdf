// FarmScheduler: when a farm is looked at without an event asking. Two promises, the same in AWS
// (EventBridge Scheduler) and locally (timers, local/reconcile-runner.ts):
//  - the safety net: every farm that is not Terminated is looked at on a cadence even if every
//    event is lost (`ensure` on launch and resume, `remove` when Terminated): the sweep
//    (farm-sweep.ts), at the cadence its passes ask for (`sweepEvery`: every tick while it moves,
//    every few ticks when it is quiet and its clouds send events);
//  - "look at this farm again at T" (`lookAgainAt`): what a pass asks for through its
//    `recheckAfterMs` (domain/planning/next-look.ts) — a 10 s throttle back-off, a
//    BeforeHostTerminate poll, a grace deadline — so it means the same wait in AWS as in `npm
//    start`, instead of waiting for the next safety-net tick.
// All calls are idempotent: asking twice for the same T makes one look.
export interface FarmRef {
  accountId: string;
  farmId: string;
}

export interface FarmScheduler {
  ensure(farm: FarmRef): Promise<void>;
  remove(farm: FarmRef): Promise<void>;
  /** The sweep looks at the farm every `every` ticks from now on; a farm removed (Terminated) stays without. */
  sweepEvery(farm: FarmRef, every: number): Promise<void>;
  /** One more pass over the farm at `at` (at once when it is past); `reason` names the asker in that pass's request. */
  lookAgainAt(farm: FarmRef, at: Date, reason: string): Promise<void>;
}

/** What a scheduled or event-triggered reconcile receives. */
export interface ReconcileRequest extends FarmRef {
  reason: string;
  /** Set by the sweep: the cadence its entry holds (the pass rewrites the entry only when its own differs). */
  sweptEvery?: number;
}
