// The local stand-in for EventBridge Scheduler, the sweep and the reconcile Lambda: the sweep's
// entries in the local table (FarmScheduler ensure/remove/sweepEvery, as in AWS) and one timer that
// runs the same sweep (services/reconcile/sweep-due-farms.ts) every interval, its tick; immediate
// passes on bus events; and the follow-up a pass asks for (recheckAfterMs), through the port's
// `lookAgainAt` as the reconcile Lambda asks EventBridge Scheduler for it. Passes of one farm run one at a time here; the lease in
// the store is what keeps them apart in AWS. A pass runs under the correlation id of the event
// that asked for it (its follow-ups too, as in one Lambda invocation); a scheduled one, a new id.
import {
  correlationIdOfEvent,
  currentCorrelationId,
  withCorrelationId,
} from '../functions/adapters/observability/correlation-context';
import { toReconcileRequests } from '../functions/handlers/reconcile-request';
import { systemClock } from '../functions/ports/clock';
import type { FarmRef, FarmScheduler } from '../functions/ports/farm-scheduler';
import type { FarmSweepEntries } from '../functions/ports/farm-sweep';
import type { ReconcileDeps } from '../functions/services/reconcile/deps';
import { keepSweepCadence } from '../functions/services/reconcile/keep-sweep-cadence';
import { type ReconcileOutcome, reconcileFarm } from '../functions/services/reconcile/reconcile-farm';
import { farmOfTrigger } from '../functions/services/reconcile/reconcile-trigger';
import { SWEEP_REASON, sweepDueFarms } from '../functions/services/reconcile/sweep-due-farms';
import type { BusEvent } from './event-bus';

export interface ReconcileRunnerOptions {
  /** The sweep's tick (AWS: 1 minute). */
  intervalMs: number;
  /** The sweep's entries (the local table's, dynamodb/sweep-repo.ts). */
  entries: FarmSweepEntries;
  /** Follow-ups sooner than this are delayed to it, so a busy farm does not spin. */
  minFollowUpMs?: number;
}

interface FarmTimers {
  ref: FarmRef;
  followUp?: NodeJS.Timeout;
  followUpAt?: number;
  running?: Promise<unknown>;
  again: boolean;
  /** The correlation id of the request waiting for the next pass, if any. */
  correlationId?: string;
  /** The cadence the sweep saw for the farm, when the next pass is the sweep's. */
  sweptEvery?: number;
}

export class LocalReconcileRunner implements FarmScheduler {
  private readonly farms = new Map<string, FarmTimers>();
  /** Farms given an entry by this runner and not removed since (hasSchedule). */
  private readonly swept = new Set<string>();
  private sweep?: NodeJS.Timeout;
  private deps?: ReconcileDeps;
  private stopped = false;
  readonly outcomes: { farmId: string; reason: string; outcome: ReconcileOutcome }[] = [];

  constructor(private readonly options: ReconcileRunnerOptions) {}

  /** The deps are wired after construction: they include this runner as their scheduler. */
  attach(deps: ReconcileDeps): void {
    this.deps = deps;
    if (this.sweep || this.stopped) return;
    this.sweep = setInterval(() => void this.sweepOnce(), this.options.intervalMs);
    this.sweep.unref();
  }

  async ensure(ref: FarmRef): Promise<void> {
    if (this.stopped) return;
    await this.options.entries.put({ accountId: ref.accountId, farmId: ref.farmId, every: 1 });
    this.swept.add(ref.farmId);
  }

  async remove(ref: FarmRef): Promise<void> {
    await this.options.entries.remove(ref);
    this.swept.delete(ref.farmId);
    clearTimeout(this.farms.get(ref.farmId)?.followUp);
  }

  sweepEvery(ref: FarmRef, every: number): Promise<void> {
    return this.options.entries.setEvery({ accountId: ref.accountId, farmId: ref.farmId, every });
  }

  /** One tick of the sweep: the due farms' passes start (null: a swept pass is nobody's request). */
  async sweepOnce(): Promise<void> {
    if (this.stopped || !this.deps) return;
    try {
      await sweepDueFarms({
        entries: this.options.entries,
        clock: systemClock,
        tickMs: this.options.intervalMs,
        dispatch: {
          dispatch: async (requests) => {
            for (const r of requests) this.request(r, SWEEP_REASON, null, r.sweptEvery);
          },
        },
      });
    } catch (err) {
      this.deps.logger.warn('local sweep failed', { error: err as Error });
    }
  }

  /** A timer in place of a one-time schedule; a sooner look already waiting is kept (it looks again after itself). */
  async lookAgainAt(ref: FarmRef, at: Date, reason: string): Promise<void> {
    const timers = this.timers(ref);
    if (this.stopped) return;
    const wait = Math.max(at.getTime() - Date.now(), this.options.minFollowUpMs ?? 0);
    const due = Date.now() + wait;
    if (timers.followUp && timers.followUpAt !== undefined && timers.followUpAt <= due) return;
    clearTimeout(timers.followUp);
    timers.followUpAt = due;
    timers.followUp = setTimeout(() => this.request(ref, reason), wait);
    timers.followUp.unref();
  }

  /** When the farm's next asked-for look is due (epoch ms), if one waits. */
  nextLookAt(farmId: string): number | undefined {
    const timers = this.farms.get(farmId);
    return timers?.followUp ? timers.followUpAt : undefined;
  }

  /** Whether the farm has a sweep entry from this runner (tests: terminate must remove it). */
  hasSchedule(farmId: string): boolean {
    return this.swept.has(farmId);
  }

  /** A rule's target: what the reconcile Lambda does with a bus event. */
  async deliver(event: BusEvent): Promise<void> {
    if (!this.deps) return;
    try {
      const farm = await farmOfTrigger(this.deps, toReconcileRequests(event));
      if (farm) this.request(farm, event['detail-type'], correlationIdOfEvent(event));
    } catch (err) {
      this.deps.logger.warn('local reconcile trigger ignored', { error: err as Error });
    }
  }

  /** Runs a pass now, or right after the one in progress; `correlationId` null: none (a new one). */
  request(
    ref: FarmRef,
    reason: string,
    correlationId: string | null | undefined = currentCorrelationId(),
    sweptEvery?: number,
  ): void {
    const timers = this.timers(ref);
    if (this.stopped || !this.deps) return;
    if (correlationId) timers.correlationId = correlationId;
    timers.sweptEvery = sweptEvery;
    if (timers.running) {
      timers.again = true;
      return;
    }
    clearTimeout(timers.followUp);
    timers.followUp = undefined;
    timers.followUpAt = undefined;
    const id = timers.correlationId;
    timers.correlationId = undefined;
    timers.running = withCorrelationId(id, () => this.pass(timers, reason));
  }

  /** Waits for every pass in flight (tests and shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.farms.values()].map((t) => t.running));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweep);
    for (const timers of this.farms.values()) clearTimeout(timers.followUp);
    await this.idle();
  }

  private async pass(timers: FarmTimers, reason: string): Promise<void> {
    let outcome: ReconcileOutcome | undefined;
    const sweptEvery = timers.sweptEvery;
    timers.sweptEvery = undefined;
    try {
      outcome = await reconcileFarm(this.deps!, timers.ref);
      await keepSweepCadence(this, timers.ref, outcome, sweptEvery);
      // The reconcile Lambda's 'reconciled' line, at debug here: npm start would print one a minute per farm.
      this.deps!.logger.debug('reconciled', { farmId: timers.ref.farmId, reason, result: outcome.result });
      this.outcomes.push({ farmId: timers.ref.farmId, reason, outcome });
      if (this.outcomes.length > 1000) this.outcomes.splice(0, 500);
    } catch (err) {
      this.deps!.logger.error('local reconcile failed', { error: err as Error });
    } finally {
      timers.running = undefined;
    }
    if (this.stopped) return;
    if (timers.again) {
      timers.again = false;
      this.request(timers.ref, 'event during a pass', timers.correlationId ?? null);
      return;
    }
    const after = outcome?.recheckAfterMs;
    if (after !== null && after !== undefined)
      await this.lookAgainAt(timers.ref, new Date(Date.now() + after), 'follow-up');
  }

  private timers(ref: FarmRef): FarmTimers {
    let timers = this.farms.get(ref.farmId);
    if (!timers) {
      timers = { ref, again: false };
      this.farms.set(ref.farmId, timers);
    }
    return timers;
  }
}
