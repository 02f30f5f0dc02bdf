// Reconnect delays: exponential with "full jitter" (a random delay between 0 and the capped
// exponential), so a thousand agents that lost the channel at the same moment do not come back
// at the same moment. Reset after a connection that stayed up.
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** [0, 1): injectable for tests. */
  random?: () => number;
}

export class Backoff {
  private attempt = 0;
  private readonly random: () => number;

  constructor(private readonly options: BackoffOptions) {
    this.random = options.random ?? Math.random;
  }

  /** The delay before the next attempt; each call counts one more failure. */
  next(): number {
    const ceiling = Math.min(this.options.maxMs, this.options.baseMs * 2 ** this.attempt);
    if (ceiling < this.options.maxMs) this.attempt++;
    return Math.floor(this.random() * ceiling);
  }

  /** The ceiling the next delay is drawn under (for logs and tests). */
  get ceilingMs(): number {
    return Math.min(this.options.maxMs, this.options.baseMs * 2 ** this.attempt);
  }

  reset(): void {
    this.attempt = 0;
  }
}
