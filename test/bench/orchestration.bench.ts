// Global Orchestration through drover-agent, on the local runtime:
//  1. event → script start latency, p50/p99: a custom event is POSTed to the API, the orchestrator
//     (from the bus) queues one execution per server of the farm and nudges their agents over the
//     WebSocket; the agent fetches, starts (POST …/start) and runs the script. Measured from the POST
//     to the execution's startedAt. 1 server: the REAL bundled agent as a child process. 200 servers:
//     200 agents in this one process (the same DroverAgent class the program runs, each with its own
//     WebSocket and HTTP calls, scripts really spawned) — 200 Node processes would not fit on 2 cores.
//  2. control-plane work of an idle agent per hour (catch-up polls, metrics, heartbeats), from a run
//     with accelerated timers scaled to the defaults, and its AWS cost per server-month.
// Run: npx tsx test/bench/orchestration.bench.ts   (BENCH_EVENTS, BENCH_SERVERS to vary)
import { DroverAgent } from '../../agent/agent';
import { configFromEnvironment } from '../../agent/config';
import type { Server } from '../../functions/domain/schemas/server';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime';
import {
  createFarm,
  createFarmRule,
  createScript,
  type FarmDoc,
  identityOf,
  newServer,
  startAgentProcess,
  until,
} from '../integration/agent/agent-world';
import { invokedDirectly } from './measure';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20);
const SERVERS = Number(process.env.BENCH_SERVERS ?? 200);
const HOURS_PER_MONTH = 730;

const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${pct(s, 0.5).toFixed(0)} ms, p99 ${pct(s, 0.99).toFixed(0)} ms, max ${s.at(-1)?.toFixed(0)} ms (n=${s.length})`;
};

async function benchFarm(rt: LocalRuntime, name: string, servers: number) {
  const { api, farm } = await createFarm(rt, name);
  const list: Server[] = [];
  for (let i = 0; i < servers; i++) list.push(await newServer(rt, farm, { status: 'Running', index: i + 1 }));
  const script = await createScript(rt, farm.accountId, `${name}-script`, 'true\n');
  await createFarmRule(rt, farm, script, { event: 'BenchEvent', target: 'farm' });
  return { api, farm, servers: list };
}

/**
 * Fires the event EVENTS times; for each, waits until every server started its execution (read
 * from `startedAt(executionId)`: the store for the real process, the agents' own hook in-process).
 * Returns event → start and event → execution created (the orchestrator's share).
 */
async function eventToStart(
  rt: LocalRuntime,
  api: { post: (p: string, b?: unknown) => Promise<{ status: number }> },
  farm: FarmDoc,
  servers: Server[],
  startedAt: (executionId: string) => Promise<number | undefined>,
) {
  const toStart: number[] = [];
  const toCreated: number[] = [];
  const scope = { accountId: farm.accountId, farmId: farm.id };
  for (let i = 0; i < EVENTS; i++) {
    const t0 = Date.now();
    const res = await api.post(`/v1/farms/${farm.id}/events`, { name: 'BenchEvent', payload: { i } });
    if (res.status !== 202) throw new Error(`custom event answered ${res.status}`);
    const created = await until(
      async () => {
        const page = await rt.deps.store.executions.listByFarm(scope, { limit: servers.length });
        const mine = page.items.filter((e) => Date.parse(e.createdAt) >= t0 - 5);
        return mine.length >= servers.length ? mine : undefined;
      },
      120_000,
      100,
    );
    const starts = await until(
      async () => {
        const all = await Promise.all(created.map((e) => startedAt(e.id)));
        return all.every((t) => t !== undefined) ? (all as number[]) : undefined;
      },
      120_000,
      100,
    );
    for (const e of created) toCreated.push(Date.parse(e.createdAt) - t0);
    for (const t of starts) toStart.push(t - t0);
    // Let every script finish before the next event.
    await until(
      async () => {
        const open = await Promise.all(
          servers.map((s) => rt.deps.store.executions.listOpenForServer(identityOf(s))),
        );
        return open.every((o) => o.length === 0);
      },
      120_000,
      200,
    );
  }
  return { toStart, toCreated };
}

function inProcessAgent(
  rt: LocalRuntime,
  server: Server,
  env: Record<string, string> = {},
  onTaskStart?: (executionId: string) => void,
) {
  const config = configFromEnvironment({
    DROVER_API_URL: rt.apiUrl,
    DROVER_SERVER_ID: server.id,
    DROVER_SERVER_TOKEN: rt.deps.agentTokens.issue(identityOf(server)),
    DROVER_AGENT_METRICS_MS: '0',
    ...env,
  });
  return new DroverAgent(config, onTaskStart ? { onTaskStart: (t) => onTaskStart(t.executionId) } : {});
}

async function idleWork(rt: LocalRuntime, farm: FarmDoc) {
  // Accelerated: 100× faster than the defaults (poll 60 s, metrics 60 s, heartbeat 300 s).
  const speedup = 100;
  const server = await newServer(rt, farm, { status: 'Running' });
  const agent = inProcessAgent(rt, server, {
    DROVER_AGENT_POLL_MS: String(60_000 / speedup),
    DROVER_AGENT_METRICS_MS: String(60_000 / speedup),
    DROVER_AGENT_HEARTBEAT_MS: String(300_000 / speedup),
  });
  agent.serve();
  await until(async () => rt.agentChannel.connections(identityOf(server)) > 0);
  const api0 = { ...agent.api.counter };
  const ch0 = { ...agent.channel.counter };
  const windowMs = 36_000; // = one hour at the defaults
  await new Promise((r) => setTimeout(r, windowMs));
  const api = {
    requests: agent.api.counter.requests - api0.requests,
    bytesSent: agent.api.counter.bytesSent - api0.bytesSent,
    bytesReceived: agent.api.counter.bytesReceived - api0.bytesReceived,
  };
  const ws = {
    messagesOut: agent.channel.counter.messagesOut - ch0.messagesOut,
    bytesOut: agent.channel.counter.bytesOut - ch0.bytesOut,
  };
  await agent.stop();
  const scale = 3600_000 / windowMs / speedup; // = 1: the window is one accelerated hour
  return {
    requestsPerHour: api.requests * scale,
    httpBodyBytesPerHour: (api.bytesSent + api.bytesReceived) * scale,
    heartbeatsPerHour: ws.messagesOut * scale,
    wsBytesPerHour: ws.bytesOut * scale,
  };
}

function awsCostPerServerMonth(work: Awaited<ReturnType<typeof idleWork>>) {
  const requests = work.requestsPerHour * HOURS_PER_MONTH;
  const messages = work.heartbeatsPerHour * HOURS_PER_MONTH;
  const connectionMinutes = 60 * HOURS_PER_MONTH;
  const lambdaMs = 30; // a warm agent-group invocation: one Query or one PutItem (assumed)
  const lambdaGb = 0.5; // the function factory's 512 MB default
  const lines = [
    ['WebSocket connection-minutes', connectionMinutes, (connectionMinutes / 1e6) * 0.25],
    ['WebSocket messages (heartbeats)', messages, (messages / 1e6) * 1.0],
    ['HTTP API requests (polls + metrics)', requests, (requests / 1e6) * 1.0],
    ['Lambda requests', requests, (requests / 1e6) * 0.2],
    [
      'Lambda GB-s (30 ms × 0.5 GB each)',
      requests * (lambdaMs / 1000) * lambdaGb,
      requests * (lambdaMs / 1000) * lambdaGb * 0.0000166667,
    ],
    [
      'DynamoDB on-demand (1 read + 1 write unit per poll/metrics pair)',
      requests,
      (requests / 2 / 1e6) * (0.125 + 0.625),
    ],
  ] as const;
  return { lines, total: lines.reduce((sum, l) => sum + l[2], 0) };
}

export async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const rt = await startLocalRuntime({ port: 0, inMemory: true });
  try {
    // 1 server, the real agent process.
    const one = await benchFarm(rt, 'bench-one', 1);
    const proc = await startAgentProcess(rt, one.servers[0]!, { DROVER_AGENT_POLL_MS: '600000' });
    await until(async () => rt.agentChannel.connections(identityOf(one.servers[0]!)) > 0);
    const oneFigures = await eventToStart(rt, one.api, one.farm, one.servers, async (id) => {
      const e = await rt.deps.store.executions.get({ accountId: one.farm.accountId }, id);
      return e?.startedAt ? Date.parse(e.startedAt) : undefined;
    });
    await proc.stop();
    console.log(`1 server (real agent process), ${EVENTS} events:`);
    console.log(`  event → script start        ${summary(oneFigures.toStart)}`);
    console.log(`  event → execution queued    ${summary(oneFigures.toCreated)}`);

    // SERVERS servers, the agent's code in-process.
    const many = await benchFarm(rt, 'bench-many', SERVERS);
    const started = new Map<string, number>();
    const agents = many.servers.map((s) =>
      inProcessAgent(rt, s, { DROVER_AGENT_POLL_MS: '600000' }, (id) => started.set(id, Date.now())),
    );
    for (const a of agents) a.serve();
    await until(
      async () => many.servers.every((s) => rt.agentChannel.connections(identityOf(s)) > 0),
      60_000,
    );
    const manyFigures = await eventToStart(rt, many.api, many.farm, many.servers, async (id) =>
      started.get(id),
    );
    await Promise.all(agents.map((a) => a.stop()));
    console.log(
      `${SERVERS} servers (in-process agents sharing this process with the runtime), ${EVENTS} events:`,
    );
    console.log(`  event → script start        ${summary(manyFigures.toStart)}`);
    console.log(`  event → execution queued    ${summary(manyFigures.toCreated)}`);

    // Idle work and its cost.
    const work = await idleWork(rt, one.farm);
    console.log(
      `idle agent, per hour: ${work.requestsPerHour} HTTPS requests (${(work.httpBodyBytesPerHour / 1024).toFixed(1)} KiB of bodies; headers add ~0.4 KiB each), ` +
        `${work.heartbeatsPerHour} WebSocket heartbeats (${work.wsBytesPerHour} B), plus the local server's protocol pings every 30 s (none in API Gateway)`,
    );
    const cost = awsCostPerServerMonth(work);
    console.log('idle cost per server-month in AWS (730 h, list prices us-east-1):');
    for (const [what, units, usd] of cost.lines)
      console.log(
        `  ${what.padEnd(66)} ${Math.round(units).toLocaleString('en-US').padStart(9)}  $${usd.toFixed(4)}`,
      );
    console.log(`  ${'total'.padEnd(66)} ${''.padStart(9)}  $${cost.total.toFixed(4)}`);
  } finally {
    // Requests the stopped agents had in flight finish before the database closes.
    await new Promise((r) => setTimeout(r, 1000));
    await rt.stop();
  }
}

if (invokedDirectly(import.meta.url)) await main();
