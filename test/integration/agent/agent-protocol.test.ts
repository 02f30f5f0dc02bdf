// drover-agent's protocol against the local runtime, with the REAL bundled agent as a child
// process: the boot sequence, a nudge over the WebSocket, reconnect and catch-up, timeout kill,
// output truncation, shebang interpreters, metrics, custom events, and a token confined to its
// own server.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../../../functions/domain/schemas/server';
import type { LocalRuntime } from '../../../local/runtime';
import { apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';
import {
  type AgentProcess,
  createFarm,
  createFarmRule,
  createScript,
  executionOf,
  type FarmDoc,
  finished,
  identityOf,
  newServer,
  queueExecution,
  startAgentProcess,
  until,
} from './agent-world';

let rt: LocalRuntime;
let farmDoc: FarmDoc;
const agents: AgentProcess[] = [];

beforeAll(async () => {
  rt = await startTestRuntime();
  farmDoc = (await createFarm(rt, 'agent-protocol')).farm;
});
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await rt?.stop();
});

async function agentFor(server: Server, env: Record<string, string> = {}) {
  const agent = await startAgentProcess(rt, server, env);
  agents.push(agent);
  return agent;
}

const serverStatus = async (s: Server) =>
  (await rt.deps.store.servers.get({ accountId: s.accountId, farmId: s.farmId }, s.id))?.status;

describe('the boot sequence', () => {
  it('reports HostInit, runs the BeforeHostUp scripts in rule order, then reports HostUp', async () => {
    const server = await newServer(rt, farmDoc);
    const first = await createScript(
      rt,
      farmDoc.accountId,
      'boot-first',
      'echo first > /dev/null; echo one\n',
    );
    const second = await createScript(rt, farmDoc.accountId, 'boot-second', 'echo two\n');
    // Scoped to this server's farm role alias through its farm; the order, not creation, decides.
    await createFarmRule(rt, farmDoc, second, { event: 'BeforeHostUp', order: 20 });
    await createFarmRule(rt, farmDoc, first, { event: 'BeforeHostUp', order: 10 });
    await agentFor(server);

    await until(async () => (await serverStatus(server)) === 'Running', 15_000);
    const runs = (await rt.deps.store.executions.listByServer(identityOf(server), { limit: 10 })).items;
    const boot = runs.filter((e) => e.eventName === 'BeforeHostUp').sort((a, b) => a.order - b.order);
    expect(boot.map((e) => [e.scriptName, e.status, e.stdoutTail])).toEqual([
      ['boot-first', 'succeeded', 'one\n'],
      ['boot-second', 'succeeded', 'two\n'],
    ]);
    // One at a time, in order: the second started after the first ended.
    expect(Date.parse(boot[1]!.startedAt!)).toBeGreaterThanOrEqual(Date.parse(boot[0]!.endedAt!));
    const events = (await rt.deps.store.farmEvents.list(identityOf(server), { limit: 50 })).items
      .filter((e) => e.serverId === server.id)
      .map((e) => e.name)
      .reverse();
    expect(events).toEqual(['HostInit', 'BeforeHostUp', 'HostUp']);
  });
});

describe('a BeforeHostUp script that aborts the launch', () => {
  it('fails the server with the script name and exit code, and the agent stops', async () => {
    const { farm: abortFarm } = await createFarm(rt, 'agent-abort');
    const server = await newServer(rt, abortFarm);
    const script = await createScript(rt, abortFarm.accountId, 'must-pass', 'echo nope >&2; exit 7\n');
    await createFarmRule(rt, abortFarm, script, { event: 'BeforeHostUp', abortOnFailure: true });
    const agent = await agentFor(server);

    expect(await agent.exited).toBe(3);
    const stored = await rt.deps.store.servers.get(identityOf(server), server.id);
    expect(stored?.status).toBe('Failed');
    expect(stored?.statusReason).toBe('BeforeHostUp script "must-pass" failed (exit code 7)');
    const run = (await rt.deps.store.executions.listByServer(identityOf(server), { limit: 5 })).items[0]!;
    expect(run).toMatchObject({ status: 'failed', exitCode: 7, stderrTail: 'nope\n' });
  });
});

describe('tasks on a running server', () => {
  let server: Server;

  beforeAll(async () => {
    server = await newServer(rt, farmDoc, { status: 'Running' });
    // A one-minute catch-up poll: only the push can start a task within a second.
    await agentFor(server, { DROVER_AGENT_POLL_MS: '60000', DROVER_AGENT_METRICS_MS: '300' });
    await until(async () => rt.agentChannel.connections(identityOf(server)) > 0);
  });

  it('starts a task within a second of its nudge', async () => {
    const script = await createScript(rt, farmDoc.accountId, 'hello', 'echo "hello $DROVER_SERVER_ID"\n');
    const execution = await queueExecution(rt, server, script);
    const nudgedAt = Date.now();
    await rt.agentChannel.notifier.notify([identityOf(server)]);
    const done = await finished(rt, execution);
    expect(Date.parse(done.startedAt!) - nudgedAt).toBeLessThan(1000);
    expect(done).toMatchObject({ status: 'succeeded', exitCode: 0, stdoutTail: `hello ${server.id}\n` });
  });

  it("hands the script the farm's Global Variables, hidden ones in clear", async () => {
    const api = apiClient(rt.apiUrl, rt.demo.token);
    const path = `/v1/farms/${farmDoc.id}/variables`;
    const etag = (await api.get(path)).headers.get('etag')!;
    const saved = await api.put(
      path,
      { variables: [{ name: 'APP_SECRET', value: 's3cret', hidden: true }] },
      { 'if-match': etag },
    );
    expect(saved.status).toBe(200);
    const script = await createScript(
      rt,
      farmDoc.accountId,
      'env',
      'echo "$APP_SECRET $DROVER_EVENT_NAME"\n',
    );
    const execution = await queueExecution(rt, server, script);
    await rt.agentChannel.notifier.notify([identityOf(server)]);
    expect((await finished(rt, execution)).stdoutTail).toBe('s3cret TestEvent\n');
  });

  it('reconnects after the channel drops and catches up a task created while it was away', async () => {
    rt.agentChannel.drop(identityOf(server));
    expect(rt.agentChannel.connections(identityOf(server))).toBe(0);
    const script = await createScript(rt, farmDoc.accountId, 'while-away', 'echo caught up\n');
    const execution = await queueExecution(rt, server, script);
    await rt.agentChannel.notifier.notify([identityOf(server)]); // lost: nobody listens
    const done = await finished(rt, execution);
    expect(done.stdoutTail).toBe('caught up\n');
    expect(rt.agentChannel.connections(identityOf(server))).toBe(1);
  });

  it('kills a script at its timeout (the whole process group) and reports it timed out', async () => {
    const script = await createScript(rt, farmDoc.accountId, 'sleeper', 'echo start\nsleep 30 &\nwait\n', {
      timeoutSeconds: 1,
    });
    const execution = await queueExecution(rt, server, script, { timeoutSeconds: 1 });
    await rt.agentChannel.notifier.notify([identityOf(server)]);
    const done = await finished(rt, execution);
    expect(done).toMatchObject({
      status: 'timed-out',
      timedOut: true,
      exitCode: null,
      stdoutTail: 'start\n',
    });
    expect(done.durationMs).toBeGreaterThanOrEqual(1000);
    expect(done.durationMs).toBeLessThan(4000);
  });

  it('keeps the last 64 KiB of a long output', async () => {
    const body =
      'i=0\nwhile [ $i -lt 3000 ]; do printf "line %05d %s\\n" $i "................................................................................"; i=$((i+1)); done\necho last-line\n';
    const script = await createScript(rt, farmDoc.accountId, 'chatty', body);
    const execution = await queueExecution(rt, server, script);
    await rt.agentChannel.notifier.notify([identityOf(server)]);
    const done = await finished(rt, execution);
    expect(done.status).toBe('succeeded');
    expect(Buffer.byteLength(done.stdoutTail)).toBe(64 * 1024);
    expect(done.stdoutTail.endsWith(`line 02999 ${'.'.repeat(80)}\nlast-line\n`)).toBe(true);
  });

  it('runs a script with the interpreter its shebang names', async () => {
    const python = hasCommand('python3');
    const body = python
      ? '#!/usr/bin/env python3\nimport sys\nprint("python", sys.version_info[0])\n'
      : '#!/usr/bin/env bash\necho "bash $BASH_VERSION" | cut -c1-6\n';
    const script = await createScript(rt, farmDoc.accountId, 'shebang', body);
    const execution = await queueExecution(rt, server, script);
    await rt.agentChannel.notifier.notify([identityOf(server)]);
    const done = await finished(rt, execution);
    expect(done.stdoutTail).toMatch(python ? /^python 3\n$/ : /^bash \d+\n$/);
  });

  it('reports an error instead of running as a user it cannot switch to', async () => {
    const script = await createScript(rt, farmDoc.accountId, 'as-nobody', 'id -un\n');
    const execution = await queueExecution(rt, server, script, { runAs: 'nobody-at-all' });
    await rt.agentChannel.notifier.notify([identityOf(server)]);
    const done = await finished(rt, execution);
    expect(done.status).toBe('failed');
    expect(done.stderrTail).toMatch(/nobody-at-all/);
  });

  it('lets a script fire a custom event through the agent', async () => {
    const script = await createScript(
      rt,
      farmDoc.accountId,
      'fires',
      `drover-agent fire AppDeployed --payload '{"release":"42"}'\n`,
    );
    const execution = await queueExecution(rt, server, script);
    await rt.agentChannel.notifier.notify([identityOf(server)]);
    expect((await finished(rt, execution)).status).toBe('succeeded');
    const events = (await rt.deps.store.farmEvents.list(identityOf(server), { limit: 50 })).items;
    expect(events.find((e) => e.name === 'AppDeployed')).toMatchObject({
      serverId: server.id,
      actor: 'agent',
      payload: { release: '42' },
    });
  });

  it('posts its metrics', async () => {
    const metrics = await until(() => rt.deps.store.agentMetrics.get(identityOf(server)));
    expect(metrics.memory.totalBytes).toBeGreaterThan(0);
    expect(metrics.disk.totalBytes).toBeGreaterThan(0);
    expect(metrics.cpuPercent).toBeGreaterThanOrEqual(0);
  });
});

describe("an agent token's reach", () => {
  it("answers 404 for another server's execution and 401 for a user's token", async () => {
    const mine = await newServer(rt, farmDoc, { status: 'Running' });
    const other = await newServer(rt, farmDoc, { status: 'Running' });
    const script = await createScript(rt, farmDoc.accountId, 'not-yours', 'echo secret\n');
    const theirs = await queueExecution(rt, other, script);
    const asMine = apiClient(rt.apiUrl, rt.deps.agentTokens.issue(identityOf(mine)));

    expect((await asMine.get('/v1/agent/tasks')).body.items).toEqual([]);
    for (const step of ['start', 'output', 'result']) {
      const body =
        step === 'result' ? { exitCode: 0, durationMs: 1 } : step === 'output' ? { stdout: 'x' } : {};
      expect((await asMine.post(`/v1/agent/tasks/${theirs.id}/${step}`, body)).status).toBe(404);
    }
    expect((await executionOf(rt, theirs))?.status).toBe('queued');

    const asUser = apiClient(rt.apiUrl, rt.demo.token);
    expect((await asUser.get('/v1/agent/tasks')).status).toBe(401);
  });
});

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
