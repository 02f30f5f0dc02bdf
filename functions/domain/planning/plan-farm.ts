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
import type { FarmAction, Launch } from './actions';
import { type AssessContext, assessServer, type FarmPhase, type Member } from './assess-server';
import { type ConvergenceSummary, summarise } from './convergence';
import { Deadlines } from './deadlines';
import { farmTransition } from './farm-transitions';
import { lowestFreeIndexes } from './indexes';
import { timeOf } from './lifecycle';
import { servingAction, suspendingAction } from './member-actions';
import { observeFarm } from './observation';
import {
  DEFAULT_PLAN_OPTIONS,
  type PlanFarm,
  type PlanFarmRole,
  type PlanInput,
  type PlanServer,
} from './plan-input';
import { pickForScaleIn } from './scale-in';
import { terminate } from './server-actions';
import { chooseZone } from './zones';

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

/** Actions grouped by stage; the plan is their concatenation in this order (see actions.ts). */
class Stages {
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

export function planFarm(input: PlanInput): FarmPlan {
  const { farm } = input;
  const options = { ...DEFAULT_PLAN_OPTIONS, ...input.options };
  const now = input.now.getTime();
  const phase = farmPhase(farm.status);
  const roleOrder = new Map(farm.farmRoles.map((r, i) => [r.id, i]));
  const servers = input.servers
    .filter((s) => s.farmId === farm.id)
    .sort(
      (a, b) =>
        (roleOrder.get(a.farmRoleId) ?? roleOrder.size) - (roleOrder.get(b.farmRoleId) ?? roleOrder.size) ||
        a.farmRoleId.localeCompare(b.farmRoleId) ||
        a.index - b.index ||
        a.id.localeCompare(b.id),
    );
  const observation = observeFarm(farm, servers, input.observed, input.observedLocations);
  const deadlines = new Deadlines(now);
  const ctx: AssessContext = { now, options, phase, observation, deadlines };
  const roles = new Map(farm.farmRoles.map((r) => [r.id, r]));
  const desired = new Map(
    farm.farmRoles.map((r) => [r.id, desiredCount(r, phase, input.desiredCounts?.[r.id])]),
  );
  const stages = new Stages();

  // 1. Each server on its own: ended, failed, still ending, or a member of its farm role.
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

  // 2. Members of removed farm roles, of a terminating farm, of a suspending farm.
  for (const [farmRoleId, list] of members) {
    if (roles.has(farmRoleId) && phase === 'serving') continue;
    for (const member of list) {
      if (!roles.has(farmRoleId)) {
        stages.add(
          terminate(member.server, 'role-removed', 'farm role removed from the farm', member.instance),
        );
      } else if (phase === 'terminating') {
        stages.add(terminate(member.server, 'farm-terminating', 'farm terminating', member.instance));
      } else {
        stages.add(suspendingAction(member, ctx));
      }
    }
  }

  // 3. Serving farm roles: scale in above desired, keep the rest moving, then fill up to desired.
  const waitingForLaunchOrder = new Set<string>();
  if (phase === 'serving') {
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
  }

  // 4. Orphans, whatever the farm's status.
  for (const orphan of observation.orphans) {
    const launchedAt = timeOf(orphan.launchedAt);
    // An unreadable launch time is treated as young: never terminate on a guess.
    if (launchedAt === undefined) continue;
    const dueAt = launchedAt + options.orphanGraceMs;
    if (now < dueAt) {
      deadlines.note(dueAt);
      continue;
    }
    const role = orphan.farmRoleId ? roles.get(orphan.farmRoleId) : undefined;
    const record = orphan.serverId ? servers.find((s) => s.id === orphan.serverId) : undefined;
    const sameLocation = farm.farmRoles.find(
      (r) => r.platform === orphan.platform && r.region === orphan.region,
    );
    stages.add({
      type: 'terminateOrphan',
      target: {
        platform: orphan.platform,
        credentialsId: role?.credentialsId ?? record?.credentialsId ?? sameLocation?.credentialsId ?? null,
        region: orphan.region,
        zone: orphan.zone,
        instanceId: orphan.instanceId,
      },
      taggedServerId: orphan.serverId ?? null,
      taggedFarmRoleId: orphan.farmRoleId ?? null,
      launchedAt: orphan.launchedAt,
      reason: record
        ? `instance of server ${record.id}, which is ${record.status === 'Terminated' ? 'terminated' : 'tracking another instance'}`
        : 'instance tagged with this farm but no server record',
    });
  }

  const actions = stages.all();
  const transition = farmTransition(farm, servers, observation, desired);
  if (transition) actions.push(transition);

  return {
    farmId: farm.id,
    actions,
    summary: summarise({ farm, servers, desired, actions, observation, waitingForLaunchOrder, options }),
    recheckAt: deadlines.next(),
  };
}

/** A server that ended without being asked to, whose farm role a launch may heal. */
interface Replaceable {
  server: PlanServer;
  why: string;
}

/** While launching, a farm role waits until every farm role with a lower launchOrder has its desired servers Running. */
function launchOrderAllows(
  role: PlanFarmRole,
  all: readonly PlanFarmRole[],
  kept: ReadonlyMap<string, Member[]>,
  desired: ReadonlyMap<string, number>,
): boolean {
  return all.every(
    (other) =>
      other.launchOrder >= role.launchOrder ||
      kept.get(other.id)!.filter((m) => m.server.status === 'Running').length >= desired.get(other.id)!,
  );
}

function launchesFor(
  role: PlanFarmRole,
  stays: readonly Member[],
  count: number,
  replaceable: readonly Replaceable[],
  farmStatus: PlanFarm['status'],
): Launch[] {
  const liveByZone = new Map<string, number>();
  for (const { server, instance } of stays) {
    const zone = instance?.zone ?? server.zone;
    liveByZone.set(zone, (liveByZone.get(zone) ?? 0) + 1);
  }
  const sources = [...replaceable];
  return lowestFreeIndexes(
    stays.map((m) => m.server.index),
    count,
  ).map((index) => {
    const at = sources.findIndex((s) => s.server.index === index);
    const replaced = sources.splice(Math.max(at, 0), 1)[0];
    const zone = chooseZone(role.zones, liveByZone);
    const cause = replaced ? 'replacement' : farmStatus === 'Running' ? 'scale-out' : 'initial';
    return {
      type: 'launch',
      farmRoleId: role.id,
      farmRoleAlias: role.alias,
      index,
      zone,
      instanceType: role.instanceType,
      replacesServerId: replaced?.server.id ?? null,
      cause,
      reason: replaced
        ? `replaces ${replaced.server.id} (${replaced.why})`
        : `scale out towards ${role.alias}'s desired count`,
    };
  });
}
