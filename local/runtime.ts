// The whole platform in one process (docs/architecture.md §7): dynalite, the API handlers behind an
// API Gateway adapter, the local token issuer, the sandbox clouds with simulated agents, the
// in-process bus and scheduler that route like infra/, the reconciler, the portal, and demo
// data. `npm start` runs it through main.ts; tests start it in-process (inMemory, port 0).

import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createHmacAgentTokens } from '../functions/adapters/identity/hmac-agent-tokens';
import type { RuntimeInfo } from '../functions/domain/schemas/runtime-info';
import type { ApiDeps } from '../functions/handlers/api/deps';
import type { ReconcileDeps } from '../functions/services/reconcile/deps';
import {
  type AgentSimulation,
  type AgentSimulationOptions,
  simulateAgents,
} from '../sandbox/core/agent-simulation';
import type { SandboxTimings } from '../sandbox/core/sandbox-cloud';
import { attachAgentChannel, type LocalAgentChannel } from './agent-channel';
import { serveAgentDownload } from './agent-download';
import { createApiListener } from './api-server';
import { DeliveryQueueFile } from './delivery-queue-file';
import { type DemoExtras, demoAtStart } from './demo-at-start';
import { writeEndpoints } from './endpoints-file';
import { InProcessEventBus } from './event-bus';
import { type LocalFarmTasks, startLocalFarmTasks } from './farm-task-timer';
import { localGroupHandlers } from './group-handlers';
import { type HostedModeOptions, localEgress, reachableSandboxCredentials } from './hosted-mode';
import { createLocalIssuer } from './identity/local-issuer';
import { findStoreLogin } from './identity/store-logins';
import { composeLocalDeps, type LocalDepsOptions } from './local-deps';
import { loadLocalKeys } from './local-keys';
import { type LocalTable, startLocalTable } from './local-table';
import { type LocalOrchestration, startLocalOrchestration } from './orchestration';
import { LocalReconcileRunner } from './reconcile-runner';
import { type LocalSandboxes, startSandboxes } from './sandboxes';
import type { DemoData } from './seed';
import { type DrainableServer, trackRequests } from './server-drain';
import { type LocalWebhookOptions, type LocalWebhooks, startLocalWebhooks } from './webhooks';

export interface LocalRuntimeOptions extends HostedModeOptions, LocalDepsOptions, DemoExtras {
  /** 0 for any free port (the sandboxes then take free ports too; else PORT+100 and PORT+101). */
  port?: number;
  /** Where data is kept between starts (ignored when inMemory). */
  dataDir?: string;
  /** A fresh in-memory database and keys, for tests. */
  inMemory?: boolean;
  /** Seed the demo account (default true). */
  seed?: boolean;
  portalDir?: string;
  /** The sweep's tick (AWS: 60 s): every farm that moves is looked at this often, a quiet one every quietSweepEvery ticks. */
  reconcileIntervalMs?: number;
  sandboxTimings?: Partial<SandboxTimings>;
  /** The sandbox instances' agents: simulated in-process by default, or the real drover-agent process. */
  agent?: Partial<AgentSimulationOptions>;
  /** The webhook dispatcher's queue and retries (its egress follows `hosted` and `egressAllow`). */
  webhooks?: LocalWebhookOptions;
  /** How often the farm-task runner looks for due tasks (default 5 s; tasks run on whole minutes). */
  farmTaskTickMs?: number;
}

export interface LocalRuntime {
  url: string;
  apiUrl: string;
  endpoints: Record<string, string>;
  demo: DemoData & { token: string };
  deps: ApiDeps & ReconcileDeps;
  bus: InProcessEventBus;
  reconciler: LocalReconcileRunner;
  /** The agents' WebSocket push channel (GET /api/v1/agent/connect). */
  agentChannel: LocalAgentChannel;
  agents: AgentSimulation;
  webhooks: LocalWebhooks;
  orchestration: LocalOrchestration;
  /** The farm-task runner's timer (AWS runs the same sweep on the reconcile function's minute tick). */
  farmTasks: LocalFarmTasks;
  sandboxes: LocalSandboxes;
  dynamoEndpoint: string;
  tableName: string;
  /** Mints a token for any user of any account (tests use it to act as another tenant). */
  mintToken(userId: string, accountId: string): Promise<string>;
  /** The platform operator's token (`drvop_…`), made at the first start and kept in the data dir. */
  operatorToken: string;
  stop(): Promise<void>;
}

export const DEMO_EMAIL = 'demo@drover.local';
export const DEMO_PASSWORD = process.env.DROVER_DEMO_PASSWORD || 'drover-demo';

/** GET /api/v1/runtime here: the sign-in page names the demo user (and the default password, not a chosen one). */
function localRuntimeInfo(seeded: boolean): RuntimeInfo {
  if (!seeded) return { runtime: 'local', demoSignIn: null };
  return {
    runtime: 'local',
    demoSignIn: {
      email: DEMO_EMAIL,
      ...(process.env.DROVER_DEMO_PASSWORD ? {} : { password: DEMO_PASSWORD }),
    },
  };
}

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  // The runtime's own AWS identity, as a Lambda has its role's: it signs STS AssumeRole for
  // assumed-role credentials (the sandbox accepts any signature). Real keys in the environment win.
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  const dataDir = resolve(options.dataDir ?? '.drover');
  const persistent = !options.inMemory;
  if (persistent) mkdirSync(dataDir, { recursive: true });

  const parts = await startParts(options, dataDir, persistent);
  const { table, server, url, issuer, sandboxes, reconciler, keys, deps } = parts;
  const loops = startLoops({ ...parts, dataDir, persistent }, options);
  server.on(
    'request',
    createApiListener({
      handlers: localGroupHandlers(deps, loops.webhooks.deps, localRuntimeInfo(options.seed !== false)),
      issuer,
      portalDir: options.portalDir ?? resolve('frontend/out'),
      extra: [serveAgentDownload],
    }),
  );

  const demo =
    options.seed === false
      ? undefined
      : await demoAtStart(deps, {
          dataDir,
          persistent,
          owner: { email: DEMO_EMAIL, password: DEMO_PASSWORD },
          sandboxCredentials: () => reachableSandboxCredentials(parts.egress, sandboxes.credentials()),
          demoOrchestration: options.demoOrchestration,
          demoPrivateFarm: options.demoPrivateFarm,
          demoScalingFarm: options.demoScalingFarm,
        });
  if (persistent) await resumeFarms(table, reconciler);
  const endpoints = writeEndpoints(url, sandboxes, persistent ? dataDir : undefined);
  const token = demo ? await issuer.mint({ userId: demo.userId, accountId: demo.accountId }) : '';
  return {
    url,
    apiUrl: `${url}/api`,
    endpoints,
    demo: { ...(demo ?? ({} as DemoData)), token },
    deps,
    bus: parts.bus,
    reconciler,
    agentChannel: parts.agentChannel,
    ...loops,
    sandboxes,
    dynamoEndpoint: table.endpoint,
    tableName: table.tableName,
    mintToken: (userId, accountId) => issuer.mint({ userId, accountId }),
    operatorToken: keys.operatorToken,
    stop: () => stopInOrder({ ...parts, ...loops }),
  };
}

/** The store, the API's server and issuer, the sandbox clouds, the bus and scheduler, and the ports over them. */
async function startParts(options: LocalRuntimeOptions, dataDir: string, persistent: boolean) {
  const table = await startLocalTable(dataDir, persistent);
  // Listen first so the issuer and the agents know the API's URL when the port is chosen by the system.
  const { server, requests, url, port } = await listen(options.port ?? 3000);
  const issuer = await createLocalIssuer({
    issuer: `${url}/local-issuer`,
    keyFile: persistent ? join(dataDir, 'issuer-key.json') : undefined,
    // Sign-in only runs once the runtime is up.
    findLogin: (email) => findStoreLogin(table.store, email),
  });
  const bus = new InProcessEventBus();
  const sandboxes = await startSandboxes({
    ports:
      options.port === 0
        ? { ec2: 0, gce: 0, cloudstack: 0, openstack: 0, sqs: 0 }
        : {
            ec2: port + 100,
            gce: port + 101,
            cloudstack: port + 104,
            openstack: port + 105,
            sqs: port + 106,
          },
    timings: options.sandboxTimings,
    ...(persistent ? { ec2StateFile: join(dataDir, 'sandbox-ec2.json') } : {}),
    bus,
    url,
  });
  const reconciler = new LocalReconcileRunner({
    intervalMs: options.reconcileIntervalMs ?? 60_000,
    entries: table.sweepEntries,
    minFollowUpMs: 250,
  });
  const keys = loadLocalKeys(dataDir, persistent);
  const agentTokens = createHmacAgentTokens(keys.agentKey);
  const agentChannel = attachAgentChannel(server, agentTokens);
  // DROVER_HOSTED=1 and DROVER_EGRESS_ALLOW (hosted-mode.ts): the AWS deployment's egress rules.
  const egress = localEgress(options);
  const deps = await composeLocalDeps(
    {
      store: table.store,
      keys,
      agentTokens,
      issuer,
      bus,
      reconciler,
      notifier: agentChannel.notifier,
      egress,
      url,
      cloudPushTokens: sandboxes.cloudPushTokens,
    },
    // The inventory is listed as often as the farms' schedule looks, unless told otherwise.
    { ...options, inventoryIntervalMs: options.inventoryIntervalMs ?? options.reconcileIntervalMs ?? 60_000 },
  );
  return {
    table,
    server,
    requests,
    url,
    issuer,
    bus,
    sandboxes,
    reconciler,
    keys,
    agentChannel,
    egress,
    deps,
  };
}

async function listen(
  port: number,
): Promise<{ server: Server; requests: DrainableServer; url: string; port: number }> {
  const server = createServer();
  const requests = trackRequests(server);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const chosen = (server.address() as AddressInfo).port;
  return { server, requests, url: `http://localhost:${chosen}`, port: chosen };
}

/** A restart picks up every farm that was not Terminated: its schedule, and a pass now. */
async function resumeFarms(table: LocalTable, reconciler: LocalReconcileRunner): Promise<void> {
  for (const farm of await table.farmsNotTerminated()) {
    await reconciler.ensure(farm);
    reconciler.request(farm, 'start-up');
  }
}

/** What runs beside the API: the reconciler fed by the bus, the webhook dispatcher, the orchestrator, the agents. */
function startLoops(
  parts: {
    bus: InProcessEventBus;
    reconciler: LocalReconcileRunner;
    deps: ApiDeps & ReconcileDeps;
    agentChannel: LocalAgentChannel;
    sandboxes: LocalSandboxes;
    dataDir: string;
    persistent: boolean;
  },
  options: LocalRuntimeOptions,
) {
  const { bus, reconciler, deps } = parts;
  reconciler.attach(deps);
  bus.route('reconcile', (event) => void reconciler.deliver(event));
  const webhooks = startLocalWebhooks(bus, deps, {
    ...options.webhooks,
    ...(parts.persistent ? { file: new DeliveryQueueFile(join(parts.dataDir, 'webhook-queue.json')) } : {}),
  });
  const orchestration = startLocalOrchestration(bus, deps, parts.agentChannel.notifier);
  const agents = simulateAgents(parts.sandboxes.all(), {
    hostInitDelayMs: 1500,
    hostUpDelayMs: 1500,
    ...options.agent,
  });
  return { webhooks, orchestration, agents, farmTasks: startLocalFarmTasks(deps, options.farmTaskTickMs) };
}

async function stopInOrder(parts: {
  requests: DrainableServer;
  agentChannel: LocalAgentChannel;
  reconciler: LocalReconcileRunner;
  webhooks: LocalWebhooks;
  orchestration: LocalOrchestration;
  agents: AgentSimulation;
  farmTasks: LocalFarmTasks;
  sandboxes: LocalSandboxes;
  table: LocalTable;
}): Promise<void> {
  await parts.agents.stop();
  await parts.agentChannel.stop();
  // The API's requests in progress finish (they may publish events) before the loops stop.
  await parts.requests.drain();
  await parts.farmTasks.stop();
  await parts.reconciler.stop();
  await parts.webhooks.stop();
  await parts.orchestration.stop();
  await parts.sandboxes.stop();
  await parts.table.stop();
}
