// The whole platform in one process (docs/architecture.md §7): dynalite, the API handlers behind an
// API Gateway adapter, the local token issuer, the sandbox clouds with simulated agents, the
// in-process bus and scheduler that route like infra/, the reconciler, the portal, and demo
// data. `npm start` runs it through main.ts; tests start it in-process (inMemory, port 0).

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { agentBundleSha256, ensureAgentBundle } from '../agent/bundle';
import { createCloudDriverFactory } from '../functions/adapters/clouds/driver-factory';
import { createDocumentClient } from '../functions/adapters/dynamodb/client';
import { createTableIfMissing } from '../functions/adapters/dynamodb/create-table';
import { createDynamoStore } from '../functions/adapters/dynamodb/dynamo-store';
import { DEFAULT_TABLE_NAME } from '../functions/adapters/dynamodb/table';
import { createAccessAuthenticator } from '../functions/adapters/identity/access-authenticator';
import { createHmacAgentTokens } from '../functions/adapters/identity/hmac-agent-tokens';
import { createJwtAuthenticator } from '../functions/adapters/identity/jwt-authenticator';
import {
  createOperatorTokens,
  hashOperatorToken,
  newOperatorToken,
} from '../functions/adapters/identity/operator-tokens';
import { correlatedPublisher } from '../functions/adapters/observability/correlated-publisher';
import { createLogger } from '../functions/adapters/observability/logger';
import { createLocalKeySecretBox, loadOrCreateKey } from '../functions/adapters/secrets/local-key-secret-box';
import { API_GROUPS, type ApiGroup } from '../functions/contract/routes';
import type { SignUpMode } from '../functions/domain/accounts/sign-up';
import type { CapacityBackoff, PlanOptions } from '../functions/domain/planning';
import type { RuntimeInfo } from '../functions/domain/schemas/runtime-info';
import { createHandler as access } from '../functions/handlers/api/access';
import { createHandler as account } from '../functions/handlers/api/account';
import { createHandler as agent } from '../functions/handlers/api/agent';
import { createHandler as audit } from '../functions/handlers/api/audit';
import { createHandler as credentials } from '../functions/handlers/api/credentials';
import type { ApiDeps } from '../functions/handlers/api/deps';
import { createHandler as environments } from '../functions/handlers/api/environments';
import { createHandler as farms } from '../functions/handlers/api/farms';
import type { GroupHandler } from '../functions/handlers/api/group-handler';
import { createHandler as lifecycle } from '../functions/handlers/api/lifecycle';
import { createHandler as meta } from '../functions/handlers/api/meta';
import { createHandler as orchestrationApi } from '../functions/handlers/api/orchestration';
import { createHandler as policies } from '../functions/handlers/api/policies';
import { createHandler as roles } from '../functions/handlers/api/roles';
import { createHandler as servers } from '../functions/handlers/api/servers';
import { createHandler as variables } from '../functions/handlers/api/variables';
import { createHandler as webhooks } from '../functions/handlers/api/webhooks';
import { systemClock } from '../functions/ports/clock';
import type { EmailVerification } from '../functions/ports/email-verification';
import type { SignIn } from '../functions/ports/sign-in';
import type { Store } from '../functions/ports/store';
import type { UserDirectory } from '../functions/ports/user-directory';
import type { Throttles } from '../functions/services/accounts/throttles';
import type { ReconcileDeps } from '../functions/services/reconcile/deps';
import {
  type AgentSimulation,
  type AgentSimulationOptions,
  simulateAgents,
} from '../sandbox/core/agent-simulation';
import type { SandboxTimings } from '../sandbox/core/sandbox-cloud';
import { attachAgentChannel, type LocalAgentChannel } from './agent-channel';
import { AGENT_DOWNLOAD_PATH, serveAgentDownload } from './agent-download';
import { createApiListener } from './api-server';
import { DeliveryQueueFile } from './delivery-queue-file';
import { startDynalite } from './dynamo-local';
import { InProcessEventBus } from './event-bus';
import { type HostedModeOptions, localEgress, reachableSandboxCredentials } from './hosted-mode';
import { createLocalIssuer, type LocalIssuer, scryptPasswords } from './identity/local-issuer';
import { createLocalSignIn } from './identity/local-sign-in';
import { findStoreLogin } from './identity/store-logins';
import { createStoreUserDirectory } from './identity/store-user-directory';
import { type LocalOrchestration, startLocalOrchestration } from './orchestration';
import { LocalReconcileRunner } from './reconcile-runner';
import { type LocalSandboxes, startSandboxes } from './sandboxes';
import { type DemoData, seedDemo } from './seed';
import { ensureSeedOwner } from './seed-access';
import { ensureDemoOrchestration } from './seed-orchestration';
import { trackRequests } from './server-drain';
import { type LocalWebhookOptions, type LocalWebhooks, startLocalWebhooks } from './webhooks';

export interface LocalRuntimeOptions extends HostedModeOptions {
  /** 0 for any free port (the sandboxes then take free ports too; else PORT+100 and PORT+101). */
  port?: number;
  /** Where data is kept between starts (ignored when inMemory). */
  dataDir?: string;
  /** A fresh in-memory database and keys, for tests. */
  inMemory?: boolean;
  /** Seed the demo account (default true). */
  seed?: boolean;
  portalDir?: string;
  /** The farms' schedule rate (EventBridge Scheduler: 60 s). */
  reconcileIntervalMs?: number;
  sandboxTimings?: Partial<SandboxTimings>;
  /** The sandbox instances' agents: simulated in-process by default, or the real drover-agent process. */
  agent?: Partial<AgentSimulationOptions>;
  planOptions?: Partial<PlanOptions>;
  /** How long a farm role that found no capacity waits before launching again (doubling). */
  capacityBackoff?: CapacityBackoff;
  /** The webhook dispatcher's queue and retries (its egress follows `hosted` and `egressAllow`). */
  webhooks?: LocalWebhookOptions;
  /** The demo's hello-host script and its environment-scope HostUp rule (npm start; off in tests). */
  demoOrchestration?: boolean;
  /** The sign-in behind POST /api/v1/auth/token (default: the local issuer); e2e tests put Cognito's here. */
  signIn?: (issuer: LocalIssuer) => SignIn;
  /** Who may sign up (POST /api/v1/accounts): anyone by default, here as in `npm start`; tests try `operator`. */
  signUpMode?: SignUpMode;
  /** The public routes' throttles (sign-in, sign-up); tests that make many accounts from one address raise them. */
  throttles?: Partial<Throttles>;
  /** Where sign-up creates the owner's sign-in (default: the Store's scrypt hash); tests put Cognito's here. */
  userDirectory?: (store: Store) => UserDirectory;
  /** Self-service sign-up's emailed code (default: none, sign-ups are usable at once); tests put Cognito's here. */
  emailVerification?: () => EmailVerification;
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

  const dynamo = await startDynalite(persistent ? { path: join(dataDir, 'dynamodb') } : {});
  const tableName = DEFAULT_TABLE_NAME;
  const rawDynamo = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createTableIfMissing(rawDynamo, tableName);

  // Listen first so the issuer and the agents know the API's URL when the port is chosen by the system.
  const server = createServer();
  const requests = trackRequests(server);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 3000, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  const issuer = await createLocalIssuer({
    issuer: `${url}/local-issuer`,
    keyFile: persistent ? join(dataDir, 'issuer-key.json') : undefined,
    // The store is built below; sign-in only runs once the runtime is up.
    findLogin: (email) => findStoreLogin(deps.store, email),
  });

  const bus = new InProcessEventBus();
  const sandboxes = await startSandboxes({
    ports: options.port === 0 ? { ec2: 0, gce: 0 } : { ec2: port + 100, gce: port + 101 },
    timings: options.sandboxTimings,
    ...(persistent ? { ec2StateFile: join(dataDir, 'sandbox-ec2.json') } : {}),
    bus,
  });
  const reconciler = new LocalReconcileRunner({
    intervalMs: options.reconcileIntervalMs ?? 60_000,
    minFollowUpMs: 250,
  });
  const secretKey = persistent ? loadOrCreateKey(join(dataDir, 'secret.key')) : randomBytes(32);
  const agentKey = persistent ? loadOrCreateKey(join(dataDir, 'agent-token.key')) : randomBytes(32);
  // Signs page cursors; kept like the other keys so a cursor still works after a restart.
  const cursorKey = persistent ? loadOrCreateKey(join(dataDir, 'cursor.key')) : randomBytes(32);
  const agentTokens = createHmacAgentTokens(agentKey);
  const operatorToken = persistent
    ? loadOrCreateOperatorToken(join(dataDir, 'operator-token'))
    : newOperatorToken();
  const agentChannel = attachAgentChannel(server, agentTokens);
  const store = createDynamoStore(createDocumentClient({ tableName, endpoint: dynamo.endpoint }), tableName);
  // DROVER_HOSTED=1 and DROVER_EGRESS_ALLOW (hosted-mode.ts): the AWS deployment's egress rules.
  const egress = localEgress(options);
  const deps: ApiDeps & ReconcileDeps = {
    store,
    secrets: createLocalKeySecretBox(secretKey),
    authenticator: createJwtAuthenticator({ issuer: issuer.issuer, keys: issuer.keys }),
    clock: systemClock,
    drivers: createCloudDriverFactory(egress),
    egress,
    logger: createLogger('drover-local'),
    // Events carry the correlation id of the request or pass that published them.
    publisher: correlatedPublisher(bus),
    scheduler: reconciler,
    agentTokens,
    cursorKey,
    notifier: agentChannel.notifier,
    userDirectory: options.userDirectory?.(store) ?? createStoreUserDirectory(store, scryptPasswords),
    operatorTokens: createOperatorTokens([hashOperatorToken(operatorToken)]),
    signUpMode: options.signUpMode ?? 'open',
    ...(options.throttles ? { throttles: options.throttles } : {}),
    signIn: options.signIn?.(issuer) ?? createLocalSignIn(issuer),
    ...(options.emailVerification ? { emailVerification: options.emailVerification() } : {}),
    agentApiUrl: `${url}/api`,
    // User data fetches the agent from this API (agent-download.ts) and checks it is this bundle.
    agentDownload: {
      url: `${url}${AGENT_DOWNLOAD_PATH}`,
      sha256: agentBundleSha256(await ensureAgentBundle()),
    },
    ...(options.planOptions ? { planOptions: options.planOptions } : {}),
    ...(options.capacityBackoff ? { capacityBackoff: options.capacityBackoff } : {}),
  };
  // A JWT (the local issuer's) or an API token, resolved to a stored user of the account.
  deps.authenticator = createAccessAuthenticator({
    jwt: deps.authenticator,
    store: deps.store,
    clock: deps.clock,
  });
  reconciler.attach(deps);
  bus.route('reconcile', (event) => void reconciler.deliver(event));
  const localWebhooks = startLocalWebhooks(bus, deps, {
    ...options.webhooks,
    ...(persistent ? { file: new DeliveryQueueFile(join(dataDir, 'webhook-queue.json')) } : {}),
  });
  const orchestration = startLocalOrchestration(bus, deps, agentChannel.notifier);
  const agents = simulateAgents([sandboxes.ec2, sandboxes.gce], {
    hostInitDelayMs: 1500,
    hostUpDelayMs: 1500,
    ...options.agent,
  });

  const builders: Record<ApiGroup, (d: ApiDeps) => GroupHandler> = {
    access,
    account,
    environments,
    credentials,
    roles,
    farms,
    lifecycle,
    servers,
    agent,
    // The group's middleware reads the whole Store; the webhook services only their repositories.
    webhooks: () => webhooks({ ...deps, ...localWebhooks.deps, store: deps.store }),
    variables,
    audit,
    policies,
    orchestration: orchestrationApi,
    meta: (d) => meta({ ...d, runtimeInfo: localRuntimeInfo(options.seed !== false) }),
  };
  const handlers = Object.fromEntries(API_GROUPS.map((g) => [g, builders[g](deps)])) as Record<
    ApiGroup,
    GroupHandler
  >;
  server.on(
    'request',
    createApiListener({
      handlers,
      issuer,
      portalDir: options.portalDir ?? resolve('frontend/out'),
      extra: [serveAgentDownload],
    }),
  );

  const demoFile = join(dataDir, 'demo.json');
  const known =
    persistent && existsSync(demoFile) ? (JSON.parse(readFileSync(demoFile, 'utf8')) as DemoData) : undefined;
  const demo =
    options.seed === false
      ? undefined
      : (known ?? (await seedDemo(deps, await reachableSandboxCredentials(egress, sandboxes.credentials()))));
  if (demo && persistent && !known) writeFileSync(demoFile, JSON.stringify(demo, null, 2));
  if (demo) await ensureSeedOwner(deps, demo, DEMO_EMAIL, DEMO_PASSWORD);
  if (demo && options.demoOrchestration) await ensureDemoOrchestration(deps, demo);

  // A restart picks up every farm that was not Terminated: its schedule, and a pass now.
  if (persistent) {
    for (const farm of await farmsNotTerminated(rawDynamo, tableName)) {
      await reconciler.ensure(farm);
      reconciler.request(farm, 'start-up');
    }
  }

  const endpoints: Record<string, string> = {
    api: `${url}/api`,
    portal: `${url}/`,
    jwks: `${url}/.well-known/jwks.json`,
    ec2: sandboxes.ec2.url,
    gce: sandboxes.gce.url,
  };
  if (persistent) writeFileSync(join(dataDir, 'endpoints.json'), `${JSON.stringify(endpoints, null, 2)}\n`);

  const token = demo ? await issuer.mint({ userId: demo.userId, accountId: demo.accountId }) : '';
  return {
    url,
    apiUrl: `${url}/api`,
    endpoints,
    demo: { ...(demo ?? ({} as DemoData)), token },
    deps,
    bus,
    reconciler,
    agentChannel,
    agents,
    webhooks: localWebhooks,
    orchestration,
    sandboxes,
    dynamoEndpoint: dynamo.endpoint,
    tableName,
    mintToken: (userId, accountId) => issuer.mint({ userId, accountId }),
    operatorToken,
    async stop() {
      await agents.stop();
      await agentChannel.stop();
      // The API's requests in progress finish (they may publish events) before the loops stop.
      await requests.drain();
      await reconciler.stop();
      await localWebhooks.stop();
      await orchestration.stop();
      await sandboxes.stop();
      await dynamo.stop();
    },
  };
}

/** The platform operator's token survives restarts (only its hash is given to the API, as in AWS). */
function loadOrCreateOperatorToken(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = newOperatorToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/** Local only: a scan for farms to pick up at start (in AWS, each farm's schedule persists by itself). */
async function farmsNotTerminated(client: DynamoDBClient, tableName: string) {
  const farms: { accountId: string; farmId: string }[] = [];
  let start: Record<string, never> | undefined;
  do {
    const out = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#t = :farm',
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':farm': { S: 'farm' } },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      const doc = unmarshall(item).doc as { id: string; accountId: string; status: string };
      if (doc.status !== 'Terminated') farms.push({ accountId: doc.accountId, farmId: doc.id });
    }
    start = out.LastEvaluatedKey as typeof start;
  } while (start);
  return farms;
}
