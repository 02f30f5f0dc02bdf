// What makes a scaling evaluation worth storing. Most evaluations change only times and counts
// that no later decision reads differently, and writing them would make every quiet pass a write:
// - breach counts matter only up to the rule's breachesOut / breachesIn (a vote needs that many),
//   so they are compared capped there;
// - the votes, directions, desired count, limits and last action times are compared as they are;
// - the recent desired counts are compared by value: an unwritten evaluation asked for the same
//   count as the last stored one, so on reading, that entry is taken as of now (refreshedMemory)
//   — holding a scale-in for one evaluation period longer at most, never shorter.
import type { StoredFarmRole } from '../../domain/schemas/farm';
import type { ScaleDecision, ScalingMemory } from '../../domain/schemas/scaling-decision';
import type { ScalingState } from '../../ports/scaling-state';

function cappedBreaches(memory: ScalingMemory, fr: StoredFarmRole): Record<string, [number, number]> {
  const rules = new Map((fr.scaling?.rules ?? []).map((r) => [r.name, r]));
  return Object.fromEntries(
    Object.entries(memory.breaches).map(([name, b]) => {
      const rule = rules.get(name);
      return [name, [Math.min(b.out, rule?.breachesOut ?? b.out), Math.min(b.in, rule?.breachesIn ?? b.in)]];
    }),
  );
}

function decisionGist(d: ScaleDecision | undefined) {
  if (!d) return null;
  return {
    current: d.current,
    ready: d.ready,
    bounds: d.bounds,
    desired: d.desired,
    direction: d.direction,
    healing: d.healing,
    limitedBy: d.limitedBy,
    rules: d.rules.map((r) => [r.rule, r.direction, r.vote, r.abstained, r.proposal]),
  };
}

function gist(state: ScalingState, fr: StoredFarmRole): string {
  return JSON.stringify({
    breaches: cappedBreaches(state.memory, fr),
    lastScaleOutAt: state.memory.lastScaleOutAt,
    lastScaleInAt: state.memory.lastScaleInAt,
    recentDesired: state.memory.recentDesired.map((e) => e.desired),
    decision: decisionGist(state.decisions[0]),
  });
}

/** Whether a new state says nothing the stored one does not. */
export function sameGist(stored: ScalingState, next: ScalingState, fr: StoredFarmRole): boolean {
  return gist(stored, fr) === gist(next, fr);
}

/** The stored memory as of now: its last desired count stood until this evaluation (see above). */
export function refreshedMemory(stored: ScalingState, now: Date): ScalingMemory {
  const recent = stored.memory.recentDesired;
  if (recent.length === 0) return stored.memory;
  const last = recent[recent.length - 1]!;
  // The last unwritten evaluation was at most one period before now; taking it as now is the safe side.
  const asOf = new Date(Math.max(Date.parse(last.at), now.getTime() - 1)).toISOString();
  return { ...stored.memory, recentDesired: [...recent.slice(0, -1), { ...last, at: asOf }] };
}
