// planFarm: one observe–diff step of a reconcile, as a pure function. From the farm spec and
// status, the server records and what the clouds list, it returns the ordered actions that move
// the world towards the spec, a convergence summary, and when to look again. It remembers
// nothing: run it on the same inputs and it plans the same; run it after its actions were
// applied and it plans the next step, until it plans nothing.
//
// Rules
// - Desired count per farm role: minInstances (or desiredCounts[id]) clamped to [min, max] while
//   the farm is Launching, Running or Resuming; 0 while Terminating or Terminated. Suspending and
//   Suspended farms neither launch nor scale in: their servers are stopped and kept.
// - Live servers (Pending Launch, Pending, Initializing, Running) hold a maxInstances slot;
//   Pending Terminate and Failed servers do not — their instances are going away, so a
//   replacement may start while they shut down, as in an ASG instance refresh. Suspended servers
//   of a serving farm count as live, since they are started rather than replaced. No plan, nor
//   any prefix of one, leaves more than maxInstances live servers in a farm role.
// - Launches: up to the desired count, each at the lowest free index, in the zone with the
//   fewest live servers. While the farm is Launching, a farm role launches only once every farm
//   role with a lower launchOrder has its desired servers Running; afterwards all heal at once.
// - Scale-in above the desired count: servers not yet Running first, then by scaleInOrder.
// - A Pending Launch server with no instance listed is launched again with the same server id
//   (idempotent), never duplicated; past launchTimeoutSec it fails.
// - Stuck past launchTimeoutSec (Pending Launch, Pending) or initTimeoutSec (Initializing), or
//   stopped outside Drover: the server fails, its instance is terminated, and a replacement is
//   launched in the same plan.
// - An instance listed as shutting-down or terminated ends its server at once; one no longer
//   listed, only vanishGraceMs after the server's last status change (lists lag).
// - Servers of farm roles removed from the spec are terminated. Instances tagged with this farm
//   that no live record claims are terminated orphanGraceMs after their launch.
// - Nothing is decided on an absent observation: servers in a location whose listing failed
//   keep their records as they are (see PlanInput.observedLocations).
import type { FarmAction } from './actions';
import { type AssessContext, assessServer, type FarmPhase, type Member } from './assess-server';
import { type ConvergenceSummary, summarise } from './convergence';
import { Deadlines } from './deadlines';
import { farmTransition } from './farm-transitions';
import { launchesFor, launchOrderAllows, type Replaceable } from './launches';
import { servingAction, suspendingAction } from './member-actions';
import { observeFarm } from './observation';
import { orphanActions } from './orphans';
import {
  DEFAULT_PLAN_OPTIONS,
  type PlanFarm,
  type PlanFarmRole,
  type PlanInput,
  type PlanServer,
} from './plan-input';
import { pickForScaleIn } from './scale-in';
import { terminate } from './server-actions';
import { Stages } from './stages';

export interface FarmPlan {
  farmId: string;
  actions: FarmAction[];
  summary: ConvergenceSummary;
  /**
   * When a grace period, timeout or retry delay expires and a pass on unchanged inputs would plan
   * more; null if none. Changes the cloud or the agent make by themselves (an instance booting or
   * stopping, HostUp) are not deadlines: state-change events and the schedule bring that pass.
   */
  recheckAt: string | null;
}

export function farmPhase(status: PlanFarm['status']): FarmPhase {
  if (status === 'Suspending' || status === 'Suspended') return 'suspending';
  if (status === 'Terminating' || status === 'Terminated') return 'terminating';
  return 'serving';
}

export function desiredCount(role: PlanFarmRole, phase: FarmPhase, requested?: number): number {
  if (phase !== 'serving') return 0;
  const max = Math.max(0, role.maxInstances);
  return Math.min(max, Math.max(role.minInstances, requested ?? role.minInstances));
}

export function planFarm(input: PlanInput): FarmPlan {
  const { farm } = input;
  const options = { ...DEFAULT_PLAN_OPTIONS, ...input.options };
  const now = input.now.getTime();
  const phase = farmPhase(farm.status);
  const servers = inSpecOrder(farm, input.servers);
  const observation = observeFarm(farm, servers, input.observed, input.observedLocations);
  const deadlines = new Deadlines(now);
  const step: PlanStep = {
    farm,
    servers,
    ctx: { now, options, phase, observation, deadlines },
    roles: new Map(farm.farmRoles.map((r) => [r.id, r])),
    desired: new Map(farm.farmRoles.map((r) => [r.id, desiredCount(r, phase, input.desiredCounts?.[r.id])])),
    stages: new Stages(),
  };

  const { members, endedUnexpectedly } = assessEach(step);
  removeMembers(step, members);
  const waitingForLaunchOrder =
    phase === 'serving' ? serveFarmRoles(step, members, endedUnexpectedly) : new Set<string>();
  for (const action of orphanActions(farm, servers, observation.orphans, { now, options, deadlines }))
    step.stages.add(action);

  const actions = step.stages.all();
  const transition = farmTransition(farm, servers, observation, step.desired);
  if (transition) actions.push(transition);
  return {
    farmId: farm.id,
    actions,
    summary: summarise({
      farm,
      servers,
      desired: step.desired,
      actions,
      observation,
      waitingForLaunchOrder,
      options,
    }),
    recheckAt: deadlines.next(),
  };
}

/** What every step of one plan reads, and the stages it adds to. */
interface PlanStep {
  farm: PlanFarm;
  servers: PlanServer[];
  ctx: AssessContext;
  roles: Map<string, PlanFarmRole>;
  desired: Map<string, number>;
  stages: Stages;
}

/** The farm's servers in the spec's farm role order, then by index: plans are stable whatever order the store lists. */
function inSpecOrder(farm: PlanFarm, all: readonly PlanServer[]): PlanServer[] {
  const roleOrder = new Map(farm.farmRoles.map((r, i) => [r.id, i]));
  return all
    .filter((s) => s.farmId === farm.id)
    .sort(
      (a, b) =>
        (roleOrder.get(a.farmRoleId) ?? roleOrder.size) - (roleOrder.get(b.farmRoleId) ?? roleOrder.size) ||
        a.farmRoleId.localeCompare(b.farmRoleId) ||
        a.index - b.index ||
        a.id.localeCompare(b.id),
    );
}

/** 1. Each server on its own: ended, failed, still ending, or a member of its farm role. */
function assessEach({ servers, roles, ctx, stages }: PlanStep) {
  const members = new Map<string, Member[]>();
  const endedUnexpectedly = new Map<string, Replaceable[]>();
  for (const server of servers) {
    if (server.status === 'Terminated') continue;
    const verdict = assessServer(server, roles.get(server.farmRoleId), ctx);
    if (verdict.kind === 'member') {
      const list = members.get(server.farmRoleId) ?? [];
      list.push(verdict.member);
      members.set(server.farmRoleId, list);
      continue;
    }
    stages.add(verdict.action);
    if (verdict.kind === 'failed' || (verdict.kind === 'ended' && verdict.action.unexpected)) {
      const ended: Replaceable = {
        server,
        why: verdict.kind === 'failed' ? `failed: ${verdict.action.reason}` : verdict.action.reason,
      };
      endedUnexpectedly.set(server.farmRoleId, [...(endedUnexpectedly.get(server.farmRoleId) ?? []), ended]);
    }
  }
  return { members, endedUnexpectedly };
}

/** 2. Members of removed farm roles, of a terminating farm, of a suspending farm. */
function removeMembers({ roles, ctx, stages }: PlanStep, members: ReadonlyMap<string, Member[]>): void {
  for (const [farmRoleId, list] of members) {
    if (roles.has(farmRoleId) && ctx.phase === 'serving') continue;
    for (const member of list) {
      if (!roles.has(farmRoleId)) {
        stages.add(
          terminate(member.server, 'role-removed', 'farm role removed from the farm', member.instance),
        );
      } else if (ctx.phase === 'terminating') {
        stages.add(terminate(member.server, 'farm-terminating', 'farm terminating', member.instance));
      } else {
        stages.add(suspendingAction(member, ctx));
      }
    }
  }
}

/**
 * 3. Serving farm roles: scale in above desired, keep the rest moving, then fill up to desired.
 * Returns the farm roles waiting for a lower launch order.
 */
function serveFarmRoles(
  { farm, servers, ctx, desired, stages }: PlanStep,
  members: ReadonlyMap<string, Member[]>,
  endedUnexpectedly: ReadonlyMap<string, Replaceable[]>,
): Set<string> {
  const kept = new Map<string, Member[]>();
  for (const role of farm.farmRoles) {
    const list = members.get(role.id) ?? [];
    const excess = pickForScaleIn(list, list.length - desired.get(role.id)!, role.scaleInOrder);
    for (const member of excess) {
      const reason = `scale in to ${desired.get(role.id)} (${role.scaleInOrder})`;
      stages.add(terminate(member.server, 'scale-in', reason, member.instance));
    }
    const stays = list.filter((m) => !excess.includes(m));
    for (const member of stays) stages.add(servingAction(member, ctx));
    kept.set(role.id, stays);
  }

  const waitingForLaunchOrder = new Set<string>();
  const referenced = new Set(servers.map((s) => s.replacesServerId).filter((id) => id !== null));
  for (const role of farm.farmRoles) {
    const stays = kept.get(role.id)!;
    const missing = desired.get(role.id)! - stays.length;
    if (missing <= 0) continue;
    if (farm.status === 'Launching' && !launchOrderAllows(role, farm.farmRoles, kept, desired)) {
      waitingForLaunchOrder.add(role.id);
      continue;
    }
    const replaceable = [
      ...(endedUnexpectedly.get(role.id) ?? []),
      ...servers
        .filter((s) => s.farmRoleId === role.id && s.status === 'Failed' && !referenced.has(s.id))
        .map((server) => ({ server, why: `failed: ${server.statusReason}` })),
    ];
    for (const launch of launchesFor(role, stays, missing, replaceable, farm.status)) stages.add(launch);
  }
  return waitingForLaunchOrder;
}
