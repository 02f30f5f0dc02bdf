// The orchestrator: turns one Drover event into executions (the agents' tasks). It matches the
// account's rules (functions/domain/orchestration/match-rules.ts), records one queued execution per
// (rule × target server) under an id derived from (event, rule, server), then nudges the agents of
// the servers that got work. Safe to run any number of times for one event: EventBridge delivers
// at least once, and BeforeHostUp is orchestrated twice on purpose (synchronously by the agent's
// report, then again from the bus), so a second run finds every id taken and creates nothing.
// A server that ended (Terminated, Failed) has its open executions cancelled here, when the
// event saying so passes: no task is left waiting for an agent that will never ask.
import { Conflict, PreconditionFailed } from '../../domain/errors';
import {
  type CandidateServer,
  matchRules,
  neededReach,
  type OrchestrationEvent,
  type PlannedRun,
  type ScriptFacts,
} from '../../domain/orchestration/match-rules';
import type { Farm } from '../../domain/schemas/farm';
import type { Execution } from '../../domain/schemas/orchestration';
import type { Server } from '../../domain/schemas/server';
import type { AgentNotifier } from '../../ports/agent-notifier';
import type { Clock } from '../../ports/clock';
import type { DroverEvent } from '../../ports/event-publisher';
import type { AgentIdentity } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { derivedId } from '../derived-id';
import { everyItem } from '../every-page';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type OrchestrateEventRepos = Pick<
  Store,
  'executions' | 'farms' | 'orchestrationRules' | 'scripts' | 'servers'
>;

export interface OrchestrationDeps {
  store: OrchestrateEventRepos;
  clock: Clock;
  notifier: AgentNotifier;
}

export interface OrchestrationOutcome {
  /** Executions this run created, in the order the agent will run them per server. */
  created: Execution[];
  /** Executions an earlier run of the same event had already created. */
  alreadyThere: number;
  /**
   * Every execution this event asks for, created now or by an earlier run, in run order per server.
   * A caller that must see them at once (the agent's BeforeHostUp report) reads these ids with
   * ExecutionRepo.get, which is strongly consistent, where the per-server listing is an index.
   */
  executionIds: string[];
  /** Rules that applied but could not run (their script is gone). */
  unresolved: { ruleId: string; reason: string }[];
  /** Open executions cancelled because the event says their server ended. */
  cancelled: number;
}

/** Events after which a server takes no more tasks. */
export const SERVER_END_EVENTS: readonly string[] = [
  'HostDown',
  'HostInitFailed',
  'InstanceLaunchFailed',
  'BeforeHostUpFailed',
];

/** The execution of a rule on a server for an event: the same id however often the event comes. */
export const executionIdOf = (eventId: string, ruleId: string, serverId: string): string =>
  derivedId('execution', eventId, ruleId, serverId);

export async function orchestrateEvent(
  deps: OrchestrationDeps,
  event: DroverEvent,
): Promise<OrchestrationOutcome> {
  const outcome: OrchestrationOutcome = {
    created: [],
    alreadyThere: 0,
    executionIds: [],
    unresolved: [],
    cancelled: 0,
  };
  if (event.serverId && event.farmId && SERVER_END_EVENTS.includes(event.name))
    outcome.cancelled = await cancelOpenExecutions(deps, {
      accountId: event.accountId,
      farmId: event.farmId,
      serverId: event.serverId,
    });

  const scope = { accountId: event.accountId };
  const rules = (await deps.store.orchestrationRules.listAll(scope)).filter(
    (r) => r.enabled && r.event === event.name,
  );
  if (rules.length === 0) return outcome;

  const farm = event.farmId ? await deps.store.farms.get(scope, event.farmId) : undefined;
  const orchestrationEvent = orchestrationEventOf(event, farm);
  const reach = neededReach(orchestrationEvent, rules);
  if (reach === 'none') return outcome;
  const servers = await serversWithin(deps, orchestrationEvent, reach, farm);
  const scripts = new Map<string, ScriptFacts>();
  for (const id of new Set(rules.map((r) => r.scriptId))) {
    const script = await deps.store.scripts.get(scope, id);
    if (script) scripts.set(id, script);
  }

  const matching = matchRules({ event: orchestrationEvent, rules, scripts, servers });
  outcome.unresolved = matching.unresolved;
  const now = deps.clock.now().toISOString();
  const byId = new Map(servers.map((s) => [s.id, s]));
  for (const run of matching.runs) {
    for (const target of run.servers) {
      const execution = queuedExecution(event, run, byId.get(target.id)!, now);
      outcome.executionIds.push(execution.id);
      try {
        await deps.store.executions.create(execution);
        outcome.created.push(execution);
      } catch (err) {
        if (!(err instanceof Conflict)) throw err;
        outcome.alreadyThere++;
      }
    }
  }
  await notifyAgents(deps, outcome.created);
  return outcome;
}

/** The event as the rules see it: with the role its farm role uses, for role-scope rules. */
function orchestrationEventOf(event: DroverEvent, farm: Farm | undefined): OrchestrationEvent {
  const farmRole = farm?.farmRoles.find((fr) => fr.id === event.farmRoleId);
  return {
    id: event.id,
    name: event.name,
    accountId: event.accountId,
    environmentId: event.environmentId,
    ...(event.farmId ? { farmId: event.farmId } : {}),
    ...(event.farmRoleId ? { farmRoleId: event.farmRoleId } : {}),
    ...(farmRole ? { roleId: farmRole.roleId } : {}),
    ...(event.serverId ? { serverId: event.serverId } : {}),
  };
}

function queuedExecution(
  event: DroverEvent,
  run: PlannedRun,
  server: CandidateServer,
  now: string,
): Execution {
  return {
    id: executionIdOf(event.id, run.rule.id, server.id),
    accountId: event.accountId,
    environmentId: server.environmentId,
    farmId: server.farmId,
    farmRoleId: server.farmRoleId,
    serverId: server.id,
    ruleId: run.rule.id,
    scriptId: run.script.id,
    scriptName: run.script.name,
    scriptVersion: run.scriptVersion,
    eventId: event.id,
    eventName: event.name,
    triggeringServerId: event.serverId ?? null,
    order: run.rule.order,
    blocking: run.blocking,
    abortOnFailure: run.abortOnFailure,
    timeoutSeconds: run.timeoutSeconds,
    runAs: run.rule.runAs,
    status: 'queued',
    createdAt: now,
    startedAt: null,
    endedAt: null,
    exitCode: null,
    timedOut: false,
    durationMs: null,
    stdoutTail: '',
    stderrTail: '',
    version: 1,
  };
}

/** One nudge per server that got work, so its agent asks for its tasks now. */
async function notifyAgents(deps: OrchestrationDeps, created: readonly Execution[]): Promise<void> {
  const toNotify = new Map<string, AgentIdentity>();
  for (const e of created)
    toNotify.set(e.serverId, { accountId: e.accountId, farmId: e.farmId, serverId: e.serverId });
  if (toNotify.size > 0) await deps.notifier.notify([...toNotify.values()]);
}

/** Marks a server's queued and running executions cancelled; returns how many. */
export async function cancelOpenExecutions(
  deps: Pick<OrchestrationDeps, 'store' | 'clock'>,
  server: AgentIdentity,
): Promise<number> {
  let cancelled = 0;
  for (const open of await deps.store.executions.listOpenForServer(server)) {
    for (let current: Execution | undefined = open, attempt = 1; current && attempt <= 3; attempt++) {
      if (current.status !== 'queued' && current.status !== 'running') break;
      try {
        await deps.store.executions.update(
          {
            ...current,
            status: 'cancelled',
            endedAt: deps.clock.now().toISOString(),
            version: current.version + 1,
          },
          current.version,
        );
        cancelled++;
        break;
      } catch (err) {
        // The agent reported at the same moment: look again, it may have finished.
        if (!(err instanceof PreconditionFailed)) throw err;
        current = await deps.store.executions.get(server, open.id);
      }
    }
  }
  return cancelled;
}

async function serversWithin(
  deps: OrchestrationDeps,
  event: OrchestrationEvent,
  reach: 'farm' | 'environment',
  farm: Farm | undefined,
): Promise<CandidateServer[]> {
  const scope = { accountId: event.accountId };
  const farms: Pick<Farm, 'id' | 'status'>[] = [];
  if (reach === 'environment') {
    const environment = { accountId: event.accountId, environmentId: event.environmentId };
    for await (const f of everyItem((page) => deps.store.farms.listByEnvironment(environment, page)))
      if (f.status !== 'Terminated') farms.push(f);
  } else if (farm) farms.push(farm);
  const lists = await Promise.all(
    farms.map((f) => deps.store.servers.listByFarm({ ...scope, farmId: f.id })),
  );
  return lists.flat().map((s: Server) => ({
    id: s.id,
    accountId: s.accountId,
    environmentId: s.environmentId,
    farmId: s.farmId,
    farmRoleId: s.farmRoleId,
    status: s.status,
  }));
}
