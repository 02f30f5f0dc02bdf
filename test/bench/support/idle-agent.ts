// What one idle drover-agent asks of the control plane in an hour, counted on a real agent (the
// DroverAgent class the program runs) against the local runtime, with its timers 100× faster
// than the defaults and the counts scaled back: HTTPS requests (task polls, metrics), channel
// messages out (heartbeats) and connects. Only the timings are accelerated: whatever the agent
// does by default (poll or not while connected, send metrics or not) is what is counted.
import { DroverAgent } from '../../../agent/agent';
import { configFromEnvironment } from '../../../agent/config';
import type { LocalRuntime } from '../../../local/runtime';
import { createFarm, identityOf, newServer, until } from '../../integration/agent/agent-world';

const SPEEDUP = 100;

export interface IdleAgentHour {
  requestsPerHour: number;
  heartbeatsPerHour: number;
  connectsPerHour: number;
}

export async function idleAgentHour(rt: LocalRuntime): Promise<IdleAgentHour> {
  const { farm } = await createFarm(rt, `idle-agent-${Date.now()}`);
  const server = await newServer(rt, farm, { status: 'Running' });
  const defaults = configFromEnvironment({
    DROVER_API_URL: 'http://x',
    DROVER_SERVER_ID: 'x',
    DROVER_SERVER_TOKEN: 'x',
  });
  const faster = (ms: number) => String(Math.max(1, ms / SPEEDUP));
  const agent = new DroverAgent(
    configFromEnvironment({
      DROVER_API_URL: rt.apiUrl,
      DROVER_SERVER_ID: server.id,
      DROVER_SERVER_TOKEN: rt.deps.agentTokens.issue(identityOf(server)),
      DROVER_AGENT_POLL_MS: faster(defaults.pollIntervalMs),
      DROVER_AGENT_HEARTBEAT_MS: faster(defaults.heartbeatIntervalMs),
      ...(defaults.metricsIntervalMs > 0
        ? { DROVER_AGENT_METRICS_MS: faster(defaults.metricsIntervalMs) }
        : {}),
    }),
  );
  agent.serve();
  await until(async () => rt.agentChannel.connections(identityOf(server)) > 0);
  const api0 = agent.api.counter.requests;
  const out0 = agent.channel.counter.messagesOut;
  const connects0 = agent.channel.counter.connects;
  const windowMs = 3_600_000 / SPEEDUP;
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const figures = {
    requestsPerHour: agent.api.counter.requests - api0,
    heartbeatsPerHour: agent.channel.counter.messagesOut - out0,
    connectsPerHour: agent.channel.counter.connects - connects0,
  };
  await agent.stop();
  return figures;
}
