// The agent's keep-alive on its push channel: API Gateway closes a WebSocket silent for 10
// minutes and bills every message, so the agent sends `{"action":"ping"}` only after a stretch
// with no message either way — a nudge received (or anything sent) stands in for it. The real
// DroverAgent against the local runtime's channel, whose server side counts what it receives;
// the silence is shortened to 1 s (DROVER_AGENT_HEARTBEAT_MS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DroverAgent } from '../../../agent/agent';
import { configFromEnvironment } from '../../../agent/config';
import type { LocalRuntime } from '../../../local/runtime';
import { startTestRuntime } from '../../support/local-runtime';
import { createFarm, identityOf, newServer, until } from './agent-world';

/** API Gateway WebSocket's idle timeout. */
const API_GATEWAY_IDLE_MS = 10 * 60_000;
const SILENCE_MS = 1_000;

let rt: LocalRuntime;
let agent: DroverAgent | undefined;

beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await agent?.stop(0);
  await rt?.stop();
});

describe("the agent's keep-alive", () => {
  it('is due, by default, within API Gateway’s idle timeout', () => {
    const defaults = configFromEnvironment({
      DROVER_API_URL: 'http://x',
      DROVER_SERVER_ID: 'x',
      DROVER_SERVER_TOKEN: 'x',
    });
    expect(defaults.heartbeatIntervalMs).toBeLessThan(API_GATEWAY_IDLE_MS);
  });

  it('goes out after a silence, and not while nudges keep the channel busy', async () => {
    const { farm } = await createFarm(rt, 'agent-keep-alive');
    const server = await newServer(rt, farm, { status: 'Running' });
    agent = new DroverAgent(
      configFromEnvironment({
        DROVER_API_URL: rt.apiUrl,
        DROVER_SERVER_ID: server.id,
        DROVER_SERVER_TOKEN: rt.deps.agentTokens.issue(identityOf(server)),
        DROVER_AGENT_HEARTBEAT_MS: String(SILENCE_MS),
      }),
    );
    agent.serve();
    await until(async () => rt.agentChannel.connections(identityOf(server)) > 0);

    // Silent: keep-alives reach the channel, one per silence.
    const idle = rt.agentChannel.counter.messagesIn;
    await until(async () => rt.agentChannel.counter.messagesIn >= idle + 2, 15_000);

    // Nudged every 200 ms for three silences: each nudge restarts the wait, so none goes out.
    const busy = rt.agentChannel.counter.messagesIn;
    const nudgesIn = agent.channel.counter.messagesIn;
    const busyUntil = Date.now() + 3 * SILENCE_MS;
    while (Date.now() < busyUntil) {
      await rt.agentChannel.notifier.notify([identityOf(server)]);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(agent.channel.counter.messagesIn - nudgesIn).toBeGreaterThanOrEqual(10);
    expect(rt.agentChannel.counter.messagesIn - busy).toBe(0);
  });
});
