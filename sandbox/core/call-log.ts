// The API calls a sandbox answered, the same for every cloud: counts by action name since start
// (benchmarks and tests read them) and the most recent calls with their outcome (`GET /_sandbox/calls`).

export interface RecordedCall {
  at: string;
  /** The cloud's own name for the call: `RunInstances`, `instances.insert`. */
  action: string;
  /** Where the call was aimed: an EC2 region, a GCE zone or `global`. */
  region: string;
  status: number;
  /** The cloud's error code, when the call failed. */
  code?: string;
}

const RECENT_CALLS = 200;

export class CallLog {
  private readonly counts = new Map<string, number>();
  private recentCalls: RecordedCall[] = [];

  count(action: string): void {
    this.counts.set(action, (this.counts.get(action) ?? 0) + 1);
  }

  record(call: Omit<RecordedCall, 'at'>): void {
    this.recentCalls.push({ at: new Date().toISOString(), ...call });
    if (this.recentCalls.length > RECENT_CALLS)
      this.recentCalls.splice(0, this.recentCalls.length - RECENT_CALLS);
  }

  countsByAction(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  recent(): RecordedCall[] {
    return [...this.recentCalls];
  }
}
