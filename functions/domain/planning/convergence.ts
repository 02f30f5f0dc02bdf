// How far the farm is from its spec, for people: per farm role counts and a verdict. Counts
// describe the store as this pass leaves it (the plan's record writes applied, its launches as
// launching), so a vanished server is not reported Running beside the reason it was replaced.
//   stopped     the farm is Terminated or Suspended (nothing should run)
//   converged   the farm is Running, every farm role has exactly its desired servers Running,
//               nothing else is in flight and the plan is empty
//   degraded    something needs attention: a server failed, or a location could not be listed
//   converging  otherwise: work is in flight and expected to finish by itself
import type { z } from 'zod';
import type { Convergence, FarmRoleCounts } from '../schemas/farm-status';
import type { ServerStatus } from '../schemas/server';
import type { FarmAction } from './actions';
import { LAUNCHING_STATUSES } from './lifecycle';
import type { Observation } from './observation';
import type { PlanFarm, PlanOptions, PlanServer } from './plan-input';

export type ConvergenceState = z.infer<typeof Convergence>;
export type FarmRoleCount = z.infer<typeof FarmRoleCounts>;

export interface ConvergenceSummary {
  convergence: ConvergenceState;
  reasons: string[];
  farmRoles: FarmRoleCount[];
}

export interface SummaryInput {
  farm: PlanFarm;
  servers: readonly PlanServer[];
  desired: ReadonlyMap<string, number>;
  actions: readonly FarmAction[];
  observation: Observation;
  /** Farm roles held back by launch order in this pass. */
  waitingForLaunchOrder: ReadonlySet<string>;
  options: PlanOptions;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

type Projected = Pick<PlanServer, 'id' | 'farmRoleId' | 'farmRoleAlias' | 'status'>;

/** The status the plan writes for a server, if it writes one. */
function statusWritten(action: FarmAction): ServerStatus | null {
  switch (action.type) {
    case 'recordInstance':
      return action.status;
    case 'advance':
      return action.to;
    case 'markTerminated':
      return 'Terminated';
    case 'markFailed':
      return 'Failed';
    case 'terminate':
    case 'stop':
      return action.recordStatus;
    case 'start':
      return 'Pending';
    default:
      return null;
  }
}

/** The servers as the store will hold them once the plan is applied. */
function project(servers: readonly PlanServer[], actions: readonly FarmAction[]): Projected[] {
  const written = new Map<string, ServerStatus>();
  const launched: Projected[] = [];
  for (const a of actions) {
    if (a.type === 'launch') {
      launched.push({
        id: '',
        farmRoleId: a.farmRoleId,
        farmRoleAlias: a.farmRoleAlias,
        status: 'Pending Launch',
      });
      continue;
    }
    const status = statusWritten(a);
    if (status && 'serverId' in a) written.set(a.serverId, status);
  }
  return [...servers.map((s) => ({ ...s, status: written.get(s.id) ?? s.status })), ...launched];
}

function countRole(
  farmRoleId: string,
  alias: string,
  desired: number,
  servers: readonly Projected[],
): FarmRoleCount {
  const counts: FarmRoleCount = {
    farmRoleId,
    alias,
    desired,
    running: 0,
    launching: 0,
    terminating: 0,
    failed: 0,
  };
  for (const s of servers) {
    if (s.farmRoleId !== farmRoleId) continue;
    if (s.status === 'Running') counts.running++;
    else if (LAUNCHING_STATUSES.has(s.status)) counts.launching++;
    else if (s.status === 'Pending Terminate') counts.terminating++;
    else if (s.status === 'Failed') counts.failed++;
  }
  return counts;
}

export function summarise(input: SummaryInput): ConvergenceSummary {
  const { farm, servers, desired, actions, observation } = input;
  const remaining = project(servers, actions).filter((s) => s.status !== 'Terminated');
  const specIds = new Set(farm.farmRoles.map((r) => r.id));
  const farmRoles = farm.farmRoles.map((r) => countRole(r.id, r.alias, desired.get(r.id) ?? 0, remaining));
  const removed = new Map<string, string>();
  for (const s of remaining) if (!specIds.has(s.farmRoleId)) removed.set(s.farmRoleId, s.farmRoleAlias);
  for (const [id, alias] of [...removed].sort()) farmRoles.push(countRole(id, alias, 0, remaining));

  const reasons: string[] = [];
  for (const location of observation.unobservedLocations) {
    reasons.push(`${location} could not be listed; its servers are left as recorded`);
  }
  for (const c of farmRoles) {
    const others = remaining.filter((s) => s.farmRoleId === c.farmRoleId).length - c.running;
    if (c.running === c.desired && others === 0) continue;
    const detail = [
      c.launching && `${c.launching} launching`,
      c.terminating && `${c.terminating} terminating`,
      c.failed && `${c.failed} failed`,
    ].filter(Boolean);
    const removedNote = specIds.has(c.farmRoleId) ? '' : ' (farm role removed)';
    reasons.push(
      `${c.alias}${removedNote}: ${c.running} of ${c.desired} running${detail.length ? `, ${detail.join(', ')}` : ''}`,
    );
    if (input.waitingForLaunchOrder.has(c.farmRoleId)) {
      reasons.push(`${c.alias}: waits for the farm roles with a lower launch order to be running`);
    }
  }
  const aliasOf = (id: string) => farmRoles.find((c) => c.farmRoleId === id)?.alias ?? id;
  const failures = actions.filter((a) => a.type === 'markFailed');
  for (const a of failures)
    reasons.push(`${aliasOf(a.farmRoleId)}: server ${a.serverId} failed: ${a.reason}`);
  if (observation.orphans.length) {
    reasons.push(
      `${plural(observation.orphans.length, 'instance')} tagged with this farm but tracked by no server; terminated ${input.options.orphanGraceMs / 1000}s after launch`,
    );
  }

  let convergence: ConvergenceState;
  if (farm.status === 'Terminated' || farm.status === 'Suspended') {
    convergence = 'stopped';
    reasons.unshift(`farm is ${farm.status.toLowerCase()}`);
  } else if (
    observation.unobservedLocations.length ||
    failures.length ||
    farmRoles.some((c) => c.failed > 0)
  ) {
    convergence = 'degraded';
  } else if (farm.status === 'Running' && actions.length === 0 && reasons.length === 0) {
    convergence = 'converged';
  } else {
    convergence = 'converging';
    if (reasons.length === 0) reasons.push(`farm is ${farm.status.toLowerCase()}`);
  }
  return { convergence, reasons, farmRoles };
}
