// Executions an agent stopped reporting on, settled by the control plane: the reconciler times out
// a script past its timeout and grace (the clock moved on, as the runtime's Clock port allows) and
// cancels one whose server ended without its HostDown; a restarted agent — the real drover-agent,
// its first process killed mid-script — fails the execution that process left running instead of
// leaving it `running` for ever, and a restart during boot runs fresh BeforeHostUp scripts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUCK_EXECUTION_GRACE_MS } from '../../../functions/domain/orchestration/stuck-executions';
import type { Execution } from '../../../functions/domain/schemas/orchestration';
import type { Server } from '../../../functions/domain/schemas/server';
import { settleStuckExecutions } from '../../../functions/services/orchestration/stuck-executions';
import { reconcileFarm } from '../../../functions/services/reconcile/reconcile-farm';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';
import {
  type AgentProcess,
  createFarm,
  createFarmRule,
  createScript,
  executionOf,
  type FarmDoc,
  identityOf,
  newServer,
  queueExecution,
  startAgentProcess,
  until,
} from '../agent/agent-world';

let rt: LocalRuntime;
let farmDoc: FarmDoc;
let user: ApiClient;
const agents: AgentProcess[] = [];

beforeAll(async () => {
  rt = await startTestRuntime();
  const created = await createFarm(rt, 'stuck-executions');
  farmDoc = created.farm;
  user = created.api;
});
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await rt?.stop();
});

const asAgentOf = (server: Server) => apiClient(rt.apiUrl, rt.deps.agentTokens.issue(identityOf(server)));
const ref = () => ({ accountId: farmDoc.accountId, farmId: farmDoc.id });
const clockAt = (at: Date) => ({ ...rt.deps, clock: { now: () => at } });

/** An agent that took the task, sent some output, and was never heard from again. */
async function abandonedRun(server: Server, execution: Execution) {
  const agent = asAgentOf(server);
  expect((await agent.post(`/v1/agent/tasks/${execution.id}/start`, {})).status).toBe(200);
  const output = { stdout: 'step 1 done\n', stderr: 'warning: slow mirror\n' };
  expect((await agent.post(`/v1/agent/tasks/${execution.id}/output`, output)).status).toBeLessThan(300);
  return (await executionOf(rt, execution))!;
}

describe('the reconciler settles executions an agent stopped reporting on', () => {
  it('times out a running script at the first pass past its timeout and the grace, keeping its output', async () => {
    const server = await newServer(rt, farmDoc, { status: 'Running' });
    const script = await createScript(rt, farmDoc.accountId, 'long-job', 'sleep 1000\n', {
      timeoutSeconds: 60,
    });
    const running = await abandonedRun(server, await queueExecution(rt, server, script));
    const deadline = Date.parse(running.startedAt!) + 60_000 + STUCK_EXECUTION_GRACE_MS;

    // Up to the deadline the agent may still report: nothing changes.
    expect(await settleStuckExecutions(clockAt(new Date(deadline)), [server])).toEqual([]);
    expect((await executionOf(rt, running))?.status).toBe('running');

    await reconcileFarm(clockAt(new Date(deadline + 1_000)), ref());
    const settled = (await user.get<Execution>(`/v1/executions/${running.id}`)).body;
    expect(settled).toMatchObject({
      status: 'timed-out',
      timedOut: true,
      exitCode: null,
      stdoutTail: 'step 1 done\n',
      stderrTail:
        "warning: slow mirror\n[drover] the agent stopped reporting: no result 120 s after the script's 60 s timeout\n",
    });
    expect(settled.endedAt).toBe(new Date(deadline + 1_000).toISOString());
    expect(await rt.deps.store.executions.listOpenForServer(identityOf(server))).toEqual([]);

    // A result that arrives after all changes nothing: the execution has ended.
    const late = await asAgentOf(server).post(`/v1/agent/tasks/${running.id}/result`, {
      exitCode: 0,
      durationMs: 1,
    });
    expect(late.status).toBeLessThan(300);
    expect((await executionOf(rt, running))?.status).toBe('timed-out');
  });

  it('cancels a running script on a server that ended when its HostDown never came', async () => {
    const server = await newServer(rt, farmDoc, { status: 'Running' });
    const script = await createScript(rt, farmDoc.accountId, 'cut-short', 'sleep 1000\n');
    const running = await abandonedRun(server, await queueExecution(rt, server, script));
    const ended = { ...server, status: 'Terminated' as const, version: server.version + 1 };
    await rt.deps.store.servers.update(ended, server.version);

    await reconcileFarm(rt.deps, ref());
    expect(await executionOf(rt, running)).toMatchObject({
      status: 'cancelled',
      stdoutTail: 'step 1 done\n',
      stderrTail: 'warning: slow mirror\n[drover] the agent stopped reporting: the server is Terminated\n',
    });
  });
});

describe('a restarted agent and the execution its earlier process left running', () => {
  it('fails the script a killed agent was running, keeps its output, and runs what comes next', async () => {
    const server = await newServer(rt, farmDoc, { status: 'Running' });
    const slow = await createScript(rt, farmDoc.accountId, 'killed-midway', 'echo half way\nsleep 30\n');
    const interrupted = await queueExecution(rt, server, slow);
    const first = await startAgentProcess(rt, server);
    agents.push(first);
    await until(async () => (await executionOf(rt, interrupted))?.stdoutTail === 'half way\n', 15_000);
    process.kill(-first.child.pid!, 'SIGKILL'); // the agent and its script, as a host crash would
    await first.exited;
    expect((await executionOf(rt, interrupted))?.status).toBe('running');

    const next = await queueExecution(
      rt,
      server,
      await createScript(rt, farmDoc.accountId, 'after', 'echo next\n'),
    );
    agents.push(await startAgentProcess(rt, server));
    const settled = await until(async () => {
      const e = await executionOf(rt, interrupted);
      return e?.status !== 'running' ? e : undefined;
    }, 15_000);
    expect(settled).toMatchObject({
      status: 'failed',
      stdoutTail: 'half way\n',
      stderrTail:
        '[drover] the agent stopped reporting: it restarted while the script ran, so its outcome is unknown\n',
    });
    await until(async () => (await executionOf(rt, next))?.status === 'succeeded', 15_000);
  });

  it('does not let a BeforeHostUp script its killed process left running block the boot', async () => {
    const server = await newServer(rt, farmDoc, { status: 'Initializing' });
    const check = await createScript(rt, farmDoc.accountId, 'boot-check', 'echo booted\n');
    const rule = await createFarmRule(rt, farmDoc, check, { event: 'BeforeHostUp', abortOnFailure: true });
    const leftRunning = await abandonedRun(
      server,
      await queueExecution(rt, server, check, {
        eventName: 'BeforeHostUp',
        ruleId: rule.id,
        abortOnFailure: true,
      }),
    );

    agents.push(await startAgentProcess(rt, server));
    await until(async () => {
      const s = await rt.deps.store.servers.get(identityOf(server), server.id);
      return s?.status === 'Running';
    }, 15_000);
    const runs = (await rt.deps.store.executions.listByServer(identityOf(server), { limit: 10 })).items;
    expect(
      runs.map((e) => [e.id === leftRunning.id ? 'left running' : 'fresh', e.status, e.stdoutTail]),
    ).toEqual(
      expect.arrayContaining([
        ['left running', 'failed', 'step 1 done\n'],
        ['fresh', 'succeeded', 'booted\n'],
      ]),
    );
  });
});
