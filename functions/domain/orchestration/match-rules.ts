// Which orchestration rules an event sets off, and on which servers: the pure heart of the
// orchestrator. A rule applies when it is enabled, names the event, and its scope contains the
// event (account: every farm of every environment; environment; role: the farm roles using that
// role; farm; farm role). Its target picks the servers: the one that raised the event, or every
// live server of the event's farm, farm role or environment. Rules come out ordered by
// (order, rule id), so two orchestrators seeing the same rules plan the same runs.
import type { OrchestrationRule, Script } from '../schemas/orchestration';
import type { ServerStatus } from '../schemas/server';

/** The event as orchestration sees it; farm, farm role and server are absent for wider events. */
export interface OrchestrationEvent {
  id: string;
  name: string;
  accountId: string;
  environmentId: string;
  farmId?: string;
  farmRoleId?: string;
  /** The role the event's farm role uses (role-scope rules match on it). */
  roleId?: string;
  /** The server that raised the event. */
  serverId?: string;
}

/** A server that may receive a task. */
export interface CandidateServer {
  id: string;
  accountId: string;
  environmentId: string;
  farmId: string;
  farmRoleId: string;
  status: ServerStatus;
}

export type ScriptFacts = Pick<Script, 'id' | 'name' | 'latestVersion' | 'blocking' | 'timeoutSeconds'>;

export interface PlannedRun {
  rule: OrchestrationRule;
  script: ScriptFacts;
  /** The pinned version, else the script's latest. */
  scriptVersion: number;
  blocking: boolean;
  timeoutSeconds: number;
  /** Only a BeforeHostUp run can abort a launch. */
  abortOnFailure: boolean;
  /** Ordered by id. */
  servers: CandidateServer[];
}

export interface RuleMatching {
  runs: PlannedRun[];
  /** Rules that applied but whose script (or pinned version) is gone: nothing runs for them. */
  unresolved: { ruleId: string; reason: string }[];
}

/** Servers that take tasks. */
export const LIVE_STATUSES: readonly ServerStatus[] = ['Initializing', 'Running'];

/** Events raised while the server boots: its own scripts run before it is Running (or even Initializing). */
export const BOOT_EVENTS: readonly string[] = ['HostInit', 'BeforeHostUp'];
const BOOTING_STATUSES: readonly ServerStatus[] = ['Pending Launch', 'Pending', 'Initializing', 'Running'];

/** Raised as the server turns Pending Terminate: its own scripts run there, the reconciler holding the terminate. */
export const BEFORE_TERMINATE_EVENT = 'BeforeHostTerminate';
const TERMINATING_STATUSES: readonly ServerStatus[] = [...LIVE_STATUSES, 'Pending Terminate'];

export function ruleScopeContains(rule: OrchestrationRule, event: OrchestrationEvent): boolean {
  const scope = rule.scope;
  switch (scope.kind) {
    case 'account':
      return true;
    case 'environment':
      return scope.environmentId === event.environmentId;
    case 'role':
      return event.roleId !== undefined && scope.roleId === event.roleId;
    case 'farm':
      return event.farmId !== undefined && scope.farmId === event.farmId;
    case 'farmRole':
      return scope.farmId === event.farmId && scope.farmRoleId === event.farmRoleId;
  }
}

export function targetServers(
  rule: OrchestrationRule,
  event: OrchestrationEvent,
  servers: readonly CandidateServer[],
): CandidateServer[] {
  // Only this event's tenant and environment, whatever the caller handed in.
  const inEnvironment = servers.filter(
    (s) => s.accountId === event.accountId && s.environmentId === event.environmentId,
  );
  const live = inEnvironment.filter((s) => LIVE_STATUSES.includes(s.status));
  let chosen: CandidateServer[];
  switch (rule.target) {
    case 'triggering-server': {
      const statuses = BOOT_EVENTS.includes(event.name)
        ? BOOTING_STATUSES
        : event.name === BEFORE_TERMINATE_EVENT
          ? TERMINATING_STATUSES
          : LIVE_STATUSES;
      chosen = inEnvironment.filter((s) => s.id === event.serverId && statuses.includes(s.status));
      break;
    }
    case 'farm':
      chosen = event.farmId ? live.filter((s) => s.farmId === event.farmId) : [];
      break;
    case 'farm-role':
      chosen = event.farmRoleId ? live.filter((s) => s.farmRoleId === event.farmRoleId) : [];
      break;
    case 'environment':
      chosen = live;
      break;
  }
  const unique = new Map(chosen.map((s) => [s.id, s]));
  return [...unique.values()].sort((a, b) => compare(a.id, b.id));
}

export function matchRules(input: {
  event: OrchestrationEvent;
  rules: readonly OrchestrationRule[];
  scripts: ReadonlyMap<string, ScriptFacts>;
  servers: readonly CandidateServer[];
}): RuleMatching {
  const { event } = input;
  const applicable = input.rules
    .filter(
      (r) =>
        r.enabled && r.accountId === event.accountId && r.event === event.name && ruleScopeContains(r, event),
    )
    .sort((a, b) => a.order - b.order || compare(a.id, b.id));

  const runs: PlannedRun[] = [];
  const unresolved: RuleMatching['unresolved'] = [];
  for (const rule of applicable) {
    const script = input.scripts.get(rule.scriptId);
    if (!script) {
      unresolved.push({ ruleId: rule.id, reason: `script ${rule.scriptId} does not exist` });
      continue;
    }
    if (rule.scriptVersion !== null && rule.scriptVersion > script.latestVersion) {
      unresolved.push({
        ruleId: rule.id,
        reason: `script ${script.name} has no version ${rule.scriptVersion} (latest is ${script.latestVersion})`,
      });
      continue;
    }
    const servers = targetServers(rule, event, input.servers);
    if (servers.length === 0) continue;
    runs.push({
      rule,
      script,
      scriptVersion: rule.scriptVersion ?? script.latestVersion,
      blocking: rule.blocking ?? script.blocking,
      timeoutSeconds: rule.timeoutSeconds ?? script.timeoutSeconds,
      abortOnFailure: rule.abortOnFailure && event.name === 'BeforeHostUp',
      servers,
    });
  }
  return { runs, unresolved };
}

/** Which servers a matching needs: the caller loads only what the applicable rules can target. */
export function neededReach(
  event: OrchestrationEvent,
  rules: readonly OrchestrationRule[],
): 'none' | 'farm' | 'environment' {
  const targets = new Set(
    rules
      .filter((r) => r.enabled && r.event === event.name && ruleScopeContains(r, event))
      .map((r) => r.target),
  );
  if (targets.size === 0) return 'none';
  if (targets.has('environment')) return 'environment';
  return 'farm';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
