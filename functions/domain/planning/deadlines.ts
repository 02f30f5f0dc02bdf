// Collects the moments at which a waiting rule (a grace period, a timeout, a retry delay) will
// fire, so the plan can say when to look again without anything changing in the world.
export class Deadlines {
  private earliest = Number.POSITIVE_INFINITY;

  constructor(private readonly now: number) {}

  note(at: number): void {
    if (at > this.now && at < this.earliest) this.earliest = at;
  }

  /** ISO time of the earliest pending deadline, or null when nothing is waiting on time. */
  next(): string | null {
    return Number.isFinite(this.earliest) ? new Date(this.earliest).toISOString() : null;
  }
}
