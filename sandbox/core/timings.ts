// Timings, the same for every sandbox cloud: the control API's schema for changing them, and the
// timers that move an instance to its next state. Timers are unref'd, so a forgotten sandbox never
// keeps a process alive, and keyed by instance, so a new transition replaces the pending one.
import { z } from 'zod';

/** What `PUT /_sandbox/timings` accepts: any part of SandboxTimings, nothing else. */
export const TimingsPatch = z
  .object({
    bootMs: z.number().int().min(0),
    shutdownMs: z.number().int().min(0),
    terminatedRetentionMs: z.number().int().min(0),
  })
  .partial()
  .strict();

export class TransitionTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  /** Runs `step` after `delayMs` (at least 0), cancelling whatever was pending for `key`. */
  after(key: string, delayMs: number, step: () => void): void {
    this.cancel(key);
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        step();
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    this.timers.set(key, timer);
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  /** The sandbox is stopping: nothing more moves. */
  cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
