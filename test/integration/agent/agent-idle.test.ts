// An idle drover-agent costs the control plane nothing but its channel: while the WebSocket is
// connected it polls nothing (the nudges bring work), sends no metrics unless its user data asks
// for them, fetches its tasks once on each (re)connect (the catch-up), and polls only while the
// channel is down. The real DroverAgent class, in this process so its request counter is read,
// against the local runtime's API and channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DroverAgent } from '../../../agent/agent';
import { configFromEnvironment } from '../../../agent/config';
import type { Server } from '../../../functions/domain/schemas/server';
import { RENUDGE_AFTER_MS } from '../../../functions/services/orchestration/stuck-executions';
import { reconcileFarm } from '../../../functions/services/reconcile/reconcile-farm';
import type { LocalRuntime } from '../../../local/runtime';
import { startTestRuntime } from '../../support/local-runtime';
import {
  createFarm,
  createScript,
  executionOf,
  type FarmDoc,
  finished,
  identityOf,
  newServer,
  queueExecution,
  until,
} from './agent-world';

const POLL_MS = 150;
let rt: LocalRuntime;
let farmDoc: FarmDoc;
const agents: DroverAgent[] = [];

beforeAll(async () => {
  rt = await startTestRuntime();
  farmDoc = (await createFarm(rt, 'agent-idle')).farm;
});
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop(0)));
  await rt?.stop();
});

/** A serving agent with a fast poll, as its defaults otherwise (no metrics unless asked). */
async function servingAgent(server: Server, env: Record<string, string> = {}): Promise<DroverAgent> {
  const agent = new DroverAgent(
    configFromEnvironment({
      DROVER_API_URL: rt.apiUrl,
      DROVER_SERVER_ID: server.id,
      DROVER_SERVER_TOKEN: rt.deps.agentTokens.issue(identityOf(server)),
      DROVER_AGENT_POLL_MS: String(POLL_MS),
      DROVER_AGENT_RECONNECT_BASE_MS: '2000',
      DROVER_AGENT_RECONNECT_MAX_MS: '2000',
      ...env,
    }),
    {
      runner: async () => ({
        exitCode: 0,
        timedOut: false,
        durationMs: 1,
        stdoutTail: 'ran\n',
        stderrTail: '',
      }),
    },
  );
  agents.push(agent);
  agent.serve();
  await until(async () => rt.agentChannel.connections(identityOf(server)) > 0);
  await until(async () => agent.api.counter.requests >= 1); // the catch-up fetch of the connect
  return agent;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an idle agent', () => {
  it('polls nothing and sends no metrics while its channel is connected', async () => {
    const server = await newServer(rt, farmDoc, { status: 'Running' });
    const agent = await servingAgent(server);
    const before = agent.api.counter.requests;
    await sleep(POLL_MS * 10);
    expect(agent.api.counter.requests - before).toBe(0);
    expect(await rt.deps.store.agentMetrics.get(identityOf(server))).toBeUndefined();
  });

  it('fetches its tasks once on a reconnect, and polls while the channel is down', async () => {
    const server = await newServer(rt, farmDoc, { status: 'Running' });
    const agent = await servingAgent(server);
    const connects = agent.channel.counter.connects;
    rt.agentChannel.drop(identityOf(server));
    const before = agent.api.counter.requests;
    // Down for the 2 s reconnect wait: the poll runs meanwhile.
    await sleep(POLL_MS * 6);
    expect(agent.api.counter.requests - before).toBeGreaterThanOrEqual(1);
    // Queued while away, its nudge lost: the reconnect's catch-up fetch starts it.
    const script = await createScript(rt, farmDoc.accountId, 'while-away', 'echo caught up\n');
    const execution = await queueExecution(rt, server, script);
    await rt.agentChannel.notifier.notify([identityOf(server)]);
    expect((await finished(rt, execution)).status).toBe('succeeded');
    await until(async () => agent.channel.counter.connects > connects);
    const settled = agent.api.counter.requests;
    await sleep(POLL_MS * 10);
    expect(agent.api.counter.requests - settled).toBe(0);
  });

  it('is nudged again by the reconciler when an execution waits queued (its nudge was lost)', async () => {
    const server = await newServer(rt, farmDoc, { status: 'Running' });
    await servingAgent(server);
    const script = await createScript(rt, farmDoc.accountId, 'lost-nudge', 'echo late\n');
    // Queued two minutes ago, never nudged: a connected agent does not poll, so it waits.
    const execution = await queueExecution(rt, server, script, {
      createdAt: new Date(Date.now() - 2 * RENUDGE_AFTER_MS).toISOString(),
    });
    await sleep(POLL_MS * 4);
    expect((await executionOf(rt, execution))?.status).toBe('queued');
    await reconcileFarm(rt.deps, { accountId: server.accountId, farmId: server.farmId });
    expect((await finished(rt, execution)).status).toBe('succeeded');
  });

  it('sends metrics when its user data asks for them', async () => {
    const server = await newServer(rt, farmDoc, { status: 'Running' });
    await servingAgent(server, { DROVER_AGENT_METRICS_MS: '200' });
    const metrics = await until(() => rt.deps.store.agentMetrics.get(identityOf(server)));
    expect(metrics.memory.totalBytes).toBeGreaterThan(0);
  });
});
