// The plan's order (see actions.ts): facts from the cloud, then ends, then removals, then
// whatever takes a slot. Every prefix of a plan therefore respects maxInstances.
import type { FarmAction } from './actions';

/** Actions grouped by stage; the plan is their concatenation in this order (see actions.ts). */
export class Stages {
  readonly facts: FarmAction[] = [];
  readonly ends: FarmAction[] = [];
  readonly removals: FarmAction[] = [];
  readonly additions: FarmAction[] = [];

  add(action: FarmAction | null): void {
    if (!action) return;
    // A suspended server that is running again takes a slot back: it waits for the ends and
    // removals that free slots, like a start or a launch.
    if (action.type === 'advance' && action.from === 'Suspended' && action.to !== 'Suspended') {
      this.additions.push(action);
      return;
    }
    switch (action.type) {
      case 'recordInstance':
      case 'advance':
      case 'recordAddresses':
        this.facts.push(action);
        return;
      case 'markTerminated':
      case 'markFailed':
        this.ends.push(action);
        return;
      case 'terminate':
      case 'terminateOrphan':
      case 'stop':
        this.removals.push(action);
        return;
      default:
        this.additions.push(action);
    }
  }

  all(): FarmAction[] {
    return [...this.facts, ...this.ends, ...this.removals, ...this.additions];
  }
}
