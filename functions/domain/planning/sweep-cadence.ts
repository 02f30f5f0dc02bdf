// The safety net's cadence, as data: how often the sweep looks at a farm nobody woke, and in which
// ticks (minutes in AWS) it is due. Pure: the pass, the sweep and the local runner read the same
// answer. The rules:
// - a farm that is converging, degraded, held or refused is looked at every tick: it is moving,
//   and a lost event or a lost look-again must not leave it waiting;
// - a converged, quiet farm whose every cloud sends events (EC2 state-change notifications, GCE
//   audit logs) is looked at every `quietEvery` ticks (configurable, default 5): its clouds' events
//   wake it at once, the sweep only catches an event that was lost;
// - a quiet farm on a cloud without events (OpenStack, CloudStack) every tick: the sweep is how it
//   sees a change;
// - a Terminated farm has no safety net (null).
// A farm looked at every N ticks is due when (tick + slot) is a multiple of N, its slot a hash of
// its id, so the quiet farms spread evenly over the N ticks instead of all passing in one.
import type { FarmRole, FarmStatus } from '../schemas/farm';
import type { NextLookReason } from './next-look';

/** How many ticks apart a quiet farm with event-sending clouds is looked at, unless configured. */
export const DEFAULT_QUIET_EVERY = 5;

/** The clouds whose instance changes reach Drover as events (README "Events from every cloud"). */
const PLATFORMS_WITH_EVENTS = new Set<FarmRole['platform']>(['aws', 'gce']);

export interface CadenceInput {
  status: FarmStatus;
  platforms: readonly FarmRole['platform'][];
  /** What the pass came to (next-look.ts): only 'quiet' is converged and still. */
  reason: NextLookReason;
}

/** Every how many ticks the sweep looks at the farm; null: never (Terminated). */
export function sweepEvery(input: CadenceInput, quietEvery: number = DEFAULT_QUIET_EVERY): number | null {
  if (input.status === 'Terminated') return null;
  if (input.reason !== 'quiet') return 1;
  const allSendEvents = input.platforms.every((p) => PLATFORMS_WITH_EVENTS.has(p));
  return allSendEvents ? Math.max(1, Math.floor(quietEvery)) : 1;
}

/** A stable number from a farm id (FNV-1a, 32 bits): its shard and its slot among the ticks. */
export function farmHash(farmId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < farmId.length; i++) {
    hash ^= farmId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Whether a farm looked at every `every` ticks is due at tick `tick`. */
export function dueAtTick(farmId: string, every: number, tick: number): boolean {
  if (every <= 1) return true;
  return (tick + (farmHash(farmId) % every)) % every === 0;
}
