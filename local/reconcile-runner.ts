// The local stand-in for EventBridge Scheduler and the reconcile Lambda: one timer per farm
// that is not Terminated (FarmScheduler), immediate passes on bus events, and the follow-up
// a pass asks for (recheckAfterMs), through the port's `lookAgainAt` as the reconcile Lambda
// asks EventBridge Scheduler for it. Passes of one farm run one at a time here; the lease in
// the store is what keeps them apart in AWS. A pass runs under the correlation id of the event
// that asked for it (its follow-ups too, as in one Lambda invocation); a scheduled one, a new id.
import {
  correlationIdOfEvent,
  currentCorrelationId,
  withCorrelationId,
} from '../functions/adapters/observability/correlation-context';
import { toReconcileRequests } from '../functions/handlers/reconcile-request';
import type { FarmRef, FarmScheduler } from '../functions/ports/farm-scheduler';
import type { ReconcileDeps } from '../functions/services/reconcile/deps';
import { type ReconcileOutcome, reconcileFarm } from '../functions/services/reconcile/reconcile-farm';
import { farmOfTrigger } from '../functions/services/reconcile/reconcile-trigger';
import type { BusEvent } from './event-bus';

export interface ReconcileRunnerOptions {
  /** The schedule's rate (EventBridge Scheduler: 1 minute). */
  intervalMs: number;
  /** Follow-ups sooner than this are delayed to it, so a busy farm does not spin. */
  minFollowUpMs?: number;
}

interface FarmTimers {
  ref: FarmRef;
  schedule?: NodeJS.Timeout;
  followUp?: NodeJS.Timeout;
  followUpAt?: number;
  running?: Promise<unknown>;
  again: boolean;
  /** The correlation id of the request waiting for the next pass, if any. */
  correlationId?: string;
}

export class LocalReconcileRunner implements FarmScheduler {
  private readonly farms = new Map<string, FarmTimers>();
  private deps?: ReconcileDeps;
  private stopped = false;
  readonly outcomes: { farmId: string; reason: string; outcome: ReconcileOutcome }[] = [];

  constructor(private readonly options: ReconcileRunnerOptions) {}

  /** The deps are wired after construction: they include this runner as their scheduler. */
  attach(deps: ReconcileDeps): void {
    this.deps = deps;
  }

  async ensure(ref: FarmRef): Promise<void> {
    const timers = this.timers(ref);
    if (timers.schedule || this.stopped) return;
    // null: a scheduled pass is nobody's request (the timer would otherwise keep the context it was made in).
    timers.schedule = setInterval(() => this.request(ref, 'schedule', null), this.options.intervalMs);
    timers.schedule.unref();
  }

  async remove(ref: FarmRef): Promise<void> {
    const timers = this.farms.get(ref.farmId);
    if (!timers) return;
    clearInterval(timers.schedule);
    clearTimeout(timers.followUp);
    timers.schedule = undefined;
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

  /** Whether the farm has a schedule (tests: terminate must remove it). */
  hasSchedule(farmId: string): boolean {
    return this.farms.get(farmId)?.schedule !== undefined;
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
  ): void {
    const timers = this.timers(ref);
    if (this.stopped || !this.deps) return;
    if (correlationId) timers.correlationId = correlationId;
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
    for (const timers of this.farms.values()) {
      clearInterval(timers.schedule);
      clearTimeout(timers.followUp);
    }
    await this.idle();
  }

  private async pass(timers: FarmTimers, reason: string): Promise<void> {
    let outcome: ReconcileOutcome | undefined;
    try {
      outcome = await reconcileFarm(this.deps!, timers.ref);
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
