// What a sandbox cloud shows of an instance it no longer has: a `terminated` view kept for the
// world's terminatedRetentionMs, so tests and the agent simulation still see how it ended (the
// cloud's own API stops listing it at once, as Nova, CloudStack and GCE do).
import type { SandboxInstance } from './sandbox-cloud';

export class Tombstones {
  private entries: { instance: SandboxInstance; at: number }[] = [];

  /** `retentionMs` is read at each call: a test may change the world's timings at any time. */
  constructor(private readonly retentionMs: () => number) {}

  add(instance: SandboxInstance): void {
    this.entries.push({ instance, at: Date.now() });
  }

  /** The tombstones still within retention, oldest first. */
  list(): SandboxInstance[] {
    const cutoff = Date.now() - this.retentionMs();
    if (this.entries.length > 0 && (this.entries[0]?.at ?? 0) < cutoff)
      this.entries = this.entries.filter((t) => t.at >= cutoff);
    return this.entries.map((t) => t.instance);
  }
}
