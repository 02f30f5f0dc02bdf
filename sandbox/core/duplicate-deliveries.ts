// Duplicate state-change deliveries, the same for every sandbox cloud: EventBridge and Pub/Sub
// deliver at least once, so the next `n` state changes armed here reach every listener twice —
// the second time a moment later, after the first delivery's effects — and a consumer that is not
// idempotent (a second replacement launched, a HostDown raised twice) shows it.
import type { StateChange } from './sandbox-cloud';

export class DuplicateDeliveries {
  private remaining = 0;
  /** Per change, whether it is delivered twice: decided by the first listener that hears it, so every listener agrees. */
  private readonly decided = new WeakMap<StateChange, boolean>();

  arm(count: number): void {
    this.remaining += count;
  }

  clear(): void {
    this.remaining = 0;
  }

  /** `listener`, hearing a change twice when it is one of the armed ones. */
  wrap(listener: (change: StateChange) => void): (change: StateChange) => void {
    return (change) => {
      listener(change);
      if (this.twice(change)) setImmediate(() => listener(change));
    };
  }

  private twice(change: StateChange): boolean {
    let twice = this.decided.get(change);
    if (twice === undefined) {
      twice = this.remaining > 0;
      if (twice) this.remaining -= 1;
      this.decided.set(change, twice);
    }
    return twice;
  }
}
