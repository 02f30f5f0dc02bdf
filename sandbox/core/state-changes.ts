// State-change events, the same for every sandbox cloud: listeners hear each change of an
// instance's SandboxInstanceState (the agent simulation, the local bus's EC2 notifications,
// tests). A listener that throws is ignored: it must not break the cloud's own state machine.
import type { StateChange } from './sandbox-cloud';

export class StateChangeListeners {
  private readonly listeners = new Set<(change: StateChange) => void>();

  /** Returns the unsubscribe function. */
  add(listener: (change: StateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether anyone listens (so a cloud can skip building a snapshot nobody reads). */
  get heard(): boolean {
    return this.listeners.size > 0;
  }

  tell(change: StateChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A listener's failure is its own; the instance has changed state regardless.
      }
    }
  }
}
