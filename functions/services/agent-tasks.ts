// The agent's task routes as use cases: the server's open executions as AgentTasks, and a task's
// start, output and result. The agent's identity (its token) is the only scope: an execution of
// any other server is NotFound, exactly as if it did not exist.
import { Conflict, NotFound, PreconditionFailed } from '../domain/errors';
import { BEFORE_TERMINATE_EVENT } from '../domain/orchestration/match-rules';
import { settleRestartedExecution } from '../domain/orchestration/stuck-executions';
import type { AgentTask, TaskResult } from '../domain/schemas/agent-protocol';
import { type Execution, ORCHESTRATION_LIMITS } from '../domain/schemas/orchestration';
import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-publisher';
import type { AgentIdentity } from '../ports/identity';
import type { Store } from '../ports/store';
import { reportAgentEvent } from './agent-reports';
import { farmEvent, recordEvents } from './farm-events';
import { settledExecution } from './orchestration/stuck-executions';
import { resolveServerVariables } from './variables/resolve-for-server';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type AgentTasksRepos = Pick<
  Store,
  'executions' | 'farmEvents' | 'farms' | 'scripts' | 'servers' | 'variables'
>;

interface Deps {
  store: AgentTasksRepos;
  clock: Clock;
  publisher: EventPublisher;
}

/** The server's open executions, oldest first in rule order, with script bodies and environment. */
export async function listAgentTasks(deps: Deps, agent: AgentIdentity): Promise<AgentTask[]> {
  const open = await deps.store.executions.listOpenForServer(agent);
  if (open.length === 0) return [];
  const env = await environmentFor(deps, agent, open);
  const bodies = new Map<string, Promise<string>>();
  const bodyOf = (e: Execution) => {
    const key = `${e.scriptId}@${e.scriptVersion}`;
    if (!bodies.has(key))
      bodies.set(
        key,
        deps.store.scripts.getVersion(agent, e.scriptId, e.scriptVersion).then((v) => v?.body ?? ''),
      );
    return bodies.get(key)!;
  };
  return Promise.all(
    open.map(async (e) => ({
      executionId: e.id,
      scriptName: e.scriptName,
      scriptVersion: e.scriptVersion,
      body: await bodyOf(e),
      eventName: e.eventName,
      eventId: e.eventId,
      blocking: e.blocking,
      abortOnFailure: e.abortOnFailure,
      timeoutSeconds: e.timeoutSeconds,
      runAs: e.runAs,
      order: e.order,
      env: await env(e),
    })),
  );
}

/**
 * queued → running. An agent starts each task once per process, so a start of one already running
 * comes from a restarted agent whose earlier process took it: that execution is settled as failed
 * (its outcome is unknown) and the start is a Conflict, as for one that has ended.
 */
export async function startAgentTask(deps: Deps, agent: AgentIdentity, executionId: string) {
  const orphaned: { note?: string } = {};
  const execution = await updateOwn(deps, agent, executionId, (e, now) => {
    delete orphaned.note;
    if (e.status === 'queued') return { ...e, status: 'running', startedAt: now };
    const settlement = settleRestartedExecution(e);
    if (!settlement) throw new Conflict(`Execution ${e.id} is ${e.status}, not queued`);
    orphaned.note = settlement.note;
    // updateOwn adds one to the version itself.
    return { ...settledExecution(e, settlement, now), version: e.version };
  });
  if (orphaned.note) throw new Conflict(`Execution ${execution.id} was running: ${orphaned.note}; it failed`);
  return execution;
}

export async function appendAgentTaskOutput(
  deps: Deps,
  agent: AgentIdentity,
  executionId: string,
  chunk: { stdout: string; stderr: string },
) {
  return updateOwn(deps, agent, executionId, (e) => {
    if (e.status !== 'running') throw new Conflict(`Execution ${e.id} is ${e.status}, not running`);
    return {
      ...e,
      stdoutTail: lastBytes(e.stdoutTail + chunk.stdout, ORCHESTRATION_LIMITS.outputTailBytes),
      stderrTail: lastBytes(e.stderrTail + chunk.stderr, ORCHESTRATION_LIMITS.outputTailBytes),
    };
  });
}

/**
 * Records the result (succeeded / failed / timed-out). A repeated result (the agent retried after
 * a lost answer) changes nothing. A failed BeforeHostUp script with abortOnFailure fails the server.
 */
export async function finishAgentTask(
  deps: Deps,
  agent: AgentIdentity,
  executionId: string,
  result: TaskResult,
) {
  let finishedNow = false;
  const execution = await updateOwn(deps, agent, executionId, (e, now) => {
    if (e.status !== 'queued' && e.status !== 'running') return undefined;
    finishedNow = true;
    const failed = result.exitCode !== 0 || result.error !== undefined;
    const stderrTail = result.error
      ? lastBytes(`${result.stderrTail}${result.error}\n`, 65536)
      : result.stderrTail;
    return {
      ...e,
      status: result.timedOut ? 'timed-out' : failed ? 'failed' : 'succeeded',
      startedAt: e.startedAt ?? now,
      endedAt: now,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      durationMs: result.durationMs,
      stdoutTail: result.stdoutTail,
      stderrTail,
    };
  });
  if (
    finishedNow &&
    execution.eventName === 'BeforeHostUp' &&
    execution.abortOnFailure &&
    execution.status !== 'succeeded'
  ) {
    const why = execution.timedOut ? 'timed out' : `exit code ${execution.exitCode ?? 'none'}`;
    await reportAgentEvent(deps, agent, {
      name: 'BeforeHostUpFailed',
      message: `BeforeHostUp script "${execution.scriptName}" failed (${why})`,
      payload: { scriptName: execution.scriptName, executionId: execution.id, exitCode: execution.exitCode },
    });
  }
  if (finishedNow && execution.eventName === BEFORE_TERMINATE_EVENT && execution.blocking) {
    // The reconciler holds this server's terminate while the script runs: wake it now.
    const farm = {
      id: execution.farmId,
      accountId: execution.accountId,
      environmentId: execution.environmentId,
    };
    await recordEvents(deps, [
      farmEvent(BEFORE_TERMINATE_ENDED_EVENT, farm, deps.clock.now(), {
        server: { id: execution.serverId, farmRoleId: execution.farmRoleId },
        actor: 'agent',
        message: `BeforeHostTerminate script "${execution.scriptName}" ended (${execution.status})`,
        payload: { scriptName: execution.scriptName, executionId: execution.id, status: execution.status },
      }),
    ]);
  }
  return execution;
}

/** Raised when a blocking BeforeHostTerminate script ends: it wakes the farm's reconcile. */
export const BEFORE_TERMINATE_ENDED_EVENT = 'BeforeHostTerminateEnded';

async function updateOwn(
  deps: Deps,
  agent: AgentIdentity,
  executionId: string,
  change: (e: Execution, now: string) => Execution | undefined,
): Promise<Execution> {
  for (let attempt = 1; ; attempt++) {
    const current = await deps.store.executions.get(agent, executionId);
    if (!current || current.serverId !== agent.serverId || current.farmId !== agent.farmId)
      throw new NotFound(`No execution ${executionId} for this server`);
    const next = change(current, deps.clock.now().toISOString());
    if (!next) return current;
    try {
      const updated = { ...next, version: current.version + 1 };
      await deps.store.executions.update(updated, current.version);
      return updated;
    } catch (err) {
      // Output chunks and the result of one task may cross; apply again on the fresh copy.
      if (!(err instanceof PreconditionFailed) || attempt >= 5) throw err;
    }
  }
}

/** The last `limit` UTF-8 bytes of a text, cut at a character boundary. */
export function lastBytes(text: string, limit: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= limit) return text;
  let start = buf.length - limit;
  while (start < buf.length && (buf[start]! & 0xc0) === 0x80) start++;
  return buf.subarray(start).toString('utf8');
}

/**
 * Each task's environment: the Global Variables resolved down to this server (hidden ones in
 * clear) and the DROVER_* built-ins of the server, the event and the triggering server — found
 * in this farm; a fan-out's trigger in another farm leaves its DROVER_EVENT_* out.
 */
async function environmentFor(
  deps: Deps,
  agent: AgentIdentity,
  executions: Execution[],
): Promise<(e: Execution) => Promise<Record<string, string>>> {
  const scope = { accountId: agent.accountId, farmId: agent.farmId };
  const triggerIds = [...new Set(executions.map((e) => e.triggeringServerId).filter((id) => id !== null))];
  const triggers = await Promise.all(triggerIds.map((id) => deps.store.servers.get(scope, id)));
  const byId = new Map(triggers.filter((s) => s !== undefined).map((s) => [s.id, s]));
  return (e) => {
    const trigger = e.triggeringServerId ? byId.get(e.triggeringServerId) : undefined;
    return resolveServerVariables(deps, agent, {
      eventName: e.eventName,
      ...(trigger ? { triggeringServer: trigger } : {}),
    });
  };
}
