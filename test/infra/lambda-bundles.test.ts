// The Lambda bundles as AWS runs them. The stack is synthesized WITH bundling (the function
// factory's esbuild settings, exactly what `cdk synth` uploads); each Drover function's bundle
// is imported in a fresh Node 22 process whose working directory is the asset directory (no
// node_modules in reach) and whose environment is the template's, deploy-time values replaced
// by local ones; its handler is then invoked with the event its trigger sends: API Gateway v2
// events for the API groups, a Scheduler payload for the reconciler, EventBridge envelopes for
// the orchestrator, an SQS batch for the webhook dispatcher, WebSocket $connect for the agent
// channel. Behind them: dynalite, the EC2 and GCE sandboxes, and one stand-in endpoint for KMS,
// EventBridge, Scheduler, SQS and the issuer's JWKS (test/support/aws-stand-in.ts).
// Figures (bundle size, import time): DROVER_BUNDLE_FIGURES=1 npx vitest run test/infra/lambda-bundles.test.ts
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { createTableIfMissing } from '../../functions/adapters/dynamodb/create-table';
import { createDynamoStore } from '../../functions/adapters/dynamodb/dynamo-store';
import { DEFAULT_TABLE_NAME } from '../../functions/adapters/dynamodb/table';
import { createHmacAgentTokens } from '../../functions/adapters/identity/hmac-agent-tokens';
import { createLogger } from '../../functions/adapters/observability/logger';
import { createKmsSecretBox } from '../../functions/adapters/secrets/kms-secret-box';
import { egressFromEnvironment } from '../../functions/composition/egress-from-environment';
import { API_GROUPS, API_ROUTES, type ApiGroup } from '../../functions/contract/routes';
import type { ApiDeps } from '../../functions/handlers/api/deps';
import { systemClock } from '../../functions/ports/clock';
import { type LocalDynamo, startDynalite } from '../../local/dynamo-local';
import { InProcessEventBus } from '../../local/event-bus';
import { createLocalIssuer, scryptPasswords } from '../../local/identity/local-issuer';
import { createStoreUserDirectory } from '../../local/identity/store-user-directory';
import { type LocalSandboxes, startSandboxes } from '../../local/sandboxes';
import { type DemoData, seedDemo } from '../../local/seed';
import { ensureSeedOwner } from '../../local/seed-access';
import { type AwsStandIn, startAwsStandIn } from '../support/aws-stand-in';
import { type BundleRun, type Invocation, lambdaEnvironment, runBundle } from './support/run-bundle';
import { type SynthesizedBundles, type SynthesizedFunction, synthBundles } from './support/synth-bundles';

const REGION = 'us-east-1';
const AUTH_ISSUER = 'https://issuer.drover.test';
const AGENT_KEY = randomBytes(48);
const SANDBOX_NETWORK = '127.0.0.0/8';

type FunctionKey = ApiGroup | 'reconcile' | 'dispatcher' | 'orchestrator' | 'agentChannel';

/** Which function a template description names (infra/constructs/*: one description each). */
function keyOf(description: string): FunctionKey {
  const group = /^Drover API: ([\w-]+) routes$/.exec(description)?.[1];
  if (group) return group as ApiGroup;
  if (description.startsWith('Drover reconcile:')) return 'reconcile';
  if (description.startsWith('Drover webhooks:')) return 'dispatcher';
  if (description.startsWith('Drover orchestration:')) return 'orchestrator';
  if (description.startsWith('Drover agent channel:')) return 'agentChannel';
  throw new Error(`no invocation is written for the function "${description}"`);
}

/** An API Gateway HTTP API (payload 2.0) event for the route of that operation. */
function apiEvent(
  operationId: string,
  params: Record<string, string> = {},
  headers: Record<string, string> = {},
): APIGatewayProxyEventV2 {
  const route = API_ROUTES.find((r) => r.operationId === operationId);
  if (!route) throw new Error(`no route ${operationId}`);
  const rawPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!);
  const routeKey = `${route.method} ${route.path}`;
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: { host: 'api.drover.test', 'user-agent': 'lambda-bundles-test', ...headers },
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'bundles',
      domainName: 'api.drover.test',
      domainPrefix: 'api',
      http: {
        method: route.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.10',
        userAgent: 'test',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const bodyOf = (result: { body?: string }) => JSON.parse(result.body ?? 'null');
const headerOf = (result: { headers?: Record<string, unknown> }, name: string) =>
  Object.entries(result.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

// A cold import of a 34 MB bundle takes up to a minute on a busy 2-core machine.
describe('the Lambda bundles as synth builds them', { timeout: 180_000 }, () => {
  let bundles: SynthesizedBundles;
  let dynamo: LocalDynamo;
  let sandboxes: LocalSandboxes;
  let aws: AwsStandIn;
  let demo: DemoData;
  let token: string;
  let local: Record<string, string>;
  let runtime: Record<string, string>;
  let synthMs = 0;
  const figures: { function: string; 'MB at import': string; 'bundle MB': string; 'import ms': number }[] =
    [];

  /** Runs the function's bundle in a fresh process; every invocation must complete (not throw). */
  async function invoke(key: FunctionKey, invocations: Invocation[]): Promise<BundleRun> {
    const fn = bundles.functions.find((f) => keyOf(f.description) === key) as SynthesizedFunction;
    const run = await runBundle(fn, lambdaEnvironment(fn, local, runtime), invocations);
    figures.push({
      function: key,
      'MB at import': (fn.bytesAtImport / 1e6).toFixed(2),
      'bundle MB': (fn.bundleBytes / 1e6).toFixed(2),
      'import ms': Math.round(run.importMs),
    });
    for (const result of run.results)
      if (!result.ok) throw new Error(`${key}: the handler threw: ${result.error}\n${run.log}`);
    return run;
  }
  const values = (run: BundleRun) => run.results.map((r) => (r.ok ? r.value : undefined));

  beforeAll(async () => {
    // `cdk synth` takes minutes on a busy machine (esbuild of every function); the local parts
    // start meanwhile.
    const synthStarted = performance.now();
    const synthesized = synthBundles({
      portalAssetsPath: 'test/infra/fixtures/portal',
      authIssuer: 'https://issuer.example.com',
    }).then((b) => {
      synthMs = performance.now() - synthStarted;
      return b;
    });
    synthesized.catch(() => {}); // awaited below; a failure meanwhile is not unhandled

    const issuer = await createLocalIssuer({ issuer: AUTH_ISSUER });
    aws = await startAwsStandIn({ jwks: issuer.jwks });
    dynamo = await startDynalite();
    const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    await createTableIfMissing(
      new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION, credentials: localCredentials }),
      DEFAULT_TABLE_NAME,
    );
    sandboxes = await startSandboxes({ ports: { ec2: 0, gce: 0 }, bus: new InProcessEventBus() });

    // Seeded through the services with the KMS adapter, so the bundles can open the secrets.
    const store = createDynamoStore(
      createDocumentClient({ tableName: DEFAULT_TABLE_NAME, endpoint: dynamo.endpoint }),
      DEFAULT_TABLE_NAME,
    );
    const deps = {
      store,
      secrets: createKmsSecretBox(
        aws.kmsKeyArn,
        new KMSClient({ endpoint: aws.url, region: REGION, credentials: localCredentials }),
      ),
      clock: systemClock,
      logger: createLogger('lambda-bundles-test'),
      publisher: { publish: async () => {} },
      scheduler: { ensure: async () => {}, remove: async () => {} },
      userDirectory: createStoreUserDirectory(store, scryptPasswords),
      // Seeding is no tenant's request: the sandbox endpoints are saved as the operator's would be.
      egress: egressFromEnvironment({ DROVER_HOSTED: '0' }),
    } as unknown as ApiDeps;
    demo = await seedDemo(deps, sandboxes.credentials(), 'Bundles');
    await ensureSeedOwner(deps, demo, `owner@${demo.accountId}.drover.test`, 'bundles-owner-password');
    token = await issuer.mint({ userId: demo.userId, accountId: demo.accountId });

    // What CloudFormation would resolve at deploy time, pointing at the local parts.
    local = {
      TABLE_NAME: DEFAULT_TABLE_NAME,
      EVENT_BUS_NAME: 'drover',
      SECRETS_KEY_ID: aws.kmsKeyArn,
      AGENT_TOKEN_KEY: AGENT_KEY.toString('base64'),
      SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/drover-scheduler',
      RECONCILE_DLQ_ARN: 'arn:aws:sqs:us-east-1:000000000000:drover-reconcile-dlq',
      RECONCILE_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:000000000000:function:drover-reconcile',
      AGENT_API_URL: 'https://api.drover.test/api',
      AGENT_CHANNEL_URL: 'wss://agents.drover.test/live',
      AGENT_CHANNEL_ENDPOINT: aws.url,
      AGENT_DOWNLOAD_URL: 'https://portal.drover.test/agent/drover-agent.mjs',
      WEBHOOK_QUEUE_URL: `${aws.url}/000000000000/drover-webhooks`,
      RECONCILE_QUEUE_URL: `${aws.url}/000000000000/drover-reconcile`,
      AUTH_ISSUER,
      AUTH_JWKS_URL: `${aws.url}/.well-known/jwks.json`,
      CURSOR_KEY: randomBytes(32).toString('base64'),
      DROVER_EGRESS_ALLOW: SANDBOX_NETWORK,
    };
    // What the Lambda runtime sets; every AWS client but DynamoDB's reaches the stand-in.
    runtime = {
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'ASIALOCALBUNDLETEST0',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SESSION_TOKEN: 'local',
      AWS_ENDPOINT_URL: aws.url,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      // Hosted mode (the default in AWS) refuses private addresses but the operator's allow-list:
      // the sandbox clouds listen on loopback, as an operator's private cloud on its network.
      DROVER_EGRESS_ALLOW: SANDBOX_NETWORK,
    };
    bundles = await synthesized;
  }, 1_200_000);

  afterAll(async () => {
    if (process.env.DROVER_BUNDLE_FIGURES) {
      console.log(`synth with bundling: ${Math.round(synthMs)} ms`);
      console.table(figures);
    }
    await sandboxes?.stop();
    await aws?.stop();
    await dynamo?.stop();
    if (bundles) rmSync(bundles.outdir, { recursive: true, force: true });
  });

  it('finds a bundle for every Drover function of the template, and an invocation for each here', () => {
    const keys = bundles.functions.map((f) => keyOf(f.description)).sort();
    expect(keys).toEqual([...API_GROUPS, 'reconcile', 'dispatcher', 'orchestrator', 'agentChannel'].sort());
  });

  // Code splitting (infra/constructs/lambda-bundle.ts): each cloud's SDK is a chunk of its own,
  // read when a pass or request first needs that cloud, not at import. The tests below then load
  // those chunks from the built files (reconcile and credentials reach EC2 and GCE).
  it.each([
    ['reconcile', 'InstancesClient', 'RunInstancesCommand'],
    ['credentials', 'InstancesClient', 'RunInstancesCommand'],
    ['servers', 'InstancesClient', 'RunInstancesCommand'],
  ] as const)('%s: carries the GCE and EC2 SDKs but reads neither at import', (key, gce, ec2) => {
    const fn = bundles.functions.find((f) => keyOf(f.description) === key) as SynthesizedFunction;
    const holding = (marker: string, files: string[]) =>
      files.filter((f) => readFileSync(path.join(fn.dir, f), 'utf8').includes(marker));
    for (const sdk of [gce, ec2]) {
      expect(holding(sdk, fn.lazyFiles), `${sdk} in a lazy chunk`).not.toEqual([]);
      expect(holding(sdk, fn.filesAtImport), `${sdk} read at import`).toEqual([]);
    }
    expect(fn.bytesAtImport).toBeLessThan(fn.bundleBytes / 10);
  });

  // Reads of each group: a request without a token first (401 problem+json: the whole middleware
  // stack ran), then the read with the owner's token.
  const READS: Partial<Record<ApiGroup, (d: DemoData) => [string, Record<string, string>?][]>> = {
    account: () => [['getAccount']],
    environments: (d) => [['getEnvironment', { environmentId: d.environmentId }]],
    // Through KMS Decrypt and each cloud's SDK: the GCE client library is where __dirname bit.
    credentials: (d) => [
      ['listCredentialsLocations', { environmentId: d.environmentId, credentialsId: d.gceCredentialsId! }],
      ['listCredentialsLocations', { environmentId: d.environmentId, credentialsId: d.awsCredentialsId! }],
    ],
    roles: (d) => [['getRole', { roleId: d.roleId }]],
    farms: (d) => [['getFarm', { farmId: d.farmId }]],
    variables: () => [['getAccountVariables']],
    audit: () => [['listAudit']],
    policies: (d) => [['listPolicies', { environmentId: d.environmentId }]],
    access: () => [['getMe']],
    orchestration: () => [['listScripts']],
    webhooks: (d) => [['listWebhookEndpoints', { environmentId: d.environmentId }]],
  };

  async function refusesThenReads(group: ApiGroup) {
    const requests = READS[group]!(demo);
    const [first] = requests[0]!;
    const run = await invoke(group, [
      { event: apiEvent(first, requests[0]![1]) },
      ...requests.map(([op, params]) => ({ event: apiEvent(op, params, bearer(token)) })),
    ]);
    const [refused, ...answers] = values(run);
    expect(refused.statusCode, run.log).toBe(401);
    expect(headerOf(refused, 'content-type')).toMatch(/^application\/problem\+json/);
    for (const answer of answers) expect(answer.statusCode, `${answer.body}\n${run.log}`).toBe(200);
  }
  // The bundles are split: a group whose reads reach a cloud parses that cloud's SDK chunk (GCE:
  // ~30 MB) inside the invocation, within the function's 10 s timeout. In AWS each function has
  // its own CPU; here it runs after the concurrent ones rather than beside a dozen of them.
  const LOADS_A_CLOUD: readonly ApiGroup[] = ['credentials'];

  describe.concurrent('API groups', () => {
    for (const group of Object.keys(READS) as ApiGroup[]) {
      if (LOADS_A_CLOUD.includes(group)) continue;
      it(`${group}: refuses a request without a token, answers its reads`, () => refusesThenReads(group));
    }

    it('meta: serves the OpenAPI document without a token', async () => {
      const run = await invoke('meta', [{ event: apiEvent('getOpenApi') }]);
      const [answer] = values(run);
      expect(answer.statusCode, run.log).toBe(200);
      expect(bodyOf(answer).openapi).toMatch(/^3\./);
    });

    // Synthesized without gcePush context, as a stack that has not set up GCE events: every push
    // is refused, after the group's whole middleware stack ran.
    it('cloud-events: refuses a GCE audit-log push it cannot verify', async () => {
      const run = await invoke('cloud-events', [
        { event: apiEvent('receiveGceAuditLogPush') },
        { event: apiEvent('receiveGceAuditLogPush', {}, bearer('not-a-google-token')) },
      ]);
      for (const refused of values(run)) {
        expect(refused.statusCode, run.log).toBe(401);
        expect(headerOf(refused, 'content-type')).toMatch(/^application\/problem\+json/);
      }
    });
  });

  describe('API groups whose reads load a cloud SDK', () => {
    for (const group of LOADS_A_CLOUD)
      it(`${group}: refuses a request without a token, answers its reads`, () => refusesThenReads(group));
  });

  // One farm's way through the functions, in the order AWS would run them.
  describe('a farm launched, reconciled and reported on', () => {
    let serverId: string;

    it('lifecycle: launches the farm (its sweep entry written, a per-farm schedule from before deleted, the event put on the bus)', async () => {
      const run = await invoke('lifecycle', [
        { event: apiEvent('launchFarm', { farmId: demo.farmId }) },
        { event: apiEvent('launchFarm', { farmId: demo.farmId }, bearer(token)) },
      ]);
      const [refused, launched] = values(run);
      expect(refused.statusCode).toBe(401);
      expect(launched.statusCode, `${launched.body}\n${run.log}`).toBeLessThan(300);
      expect(aws.calls.map((c) => c.operation)).toContainEqual(
        expect.stringMatching(/^Scheduler\.DELETE \/schedules\//),
      );
      expect(aws.putEvents().map((e) => e.DetailType)).toContain('FarmLaunchRequested');
    });

    it('reconcile: launches the farm on the EC2 sandbox and observes GCE, from a Scheduler payload', async () => {
      const gceCallsBefore = Object.values(sandboxes.gce.callCounts()).reduce((n, c) => n + c, 0);
      const run = await invoke('reconcile', [
        // Less time left than a follow-up pass needs after this one (15 s of safety): one pass.
        {
          event: { accountId: demo.accountId, farmId: demo.farmId, reason: 'schedule' },
          remainingMs: 16_000,
        },
      ]);
      const [outcome] = values(run);
      expect(outcome.results, run.log).toHaveLength(1);
      const launched = sandboxes.ec2.instances().filter((i) => Object.values(i.tags).includes(demo.farmId));
      expect(launched.length, run.log).toBeGreaterThanOrEqual(2);
      const gceCalls = Object.values(sandboxes.gce.callCounts()).reduce((n, c) => n + c, 0);
      expect(gceCalls).toBeGreaterThan(gceCallsBefore);
    });

    it('reconcile: its sweep tick sends the launched farm, due every minute while it moves, to the reconcile queue', async () => {
      const run = await invoke('reconcile', [{ event: { sweep: 'tick' } }]);
      const [result] = values(run);
      expect(result.dispatched, run.log).toBeGreaterThanOrEqual(1);
      const sent = aws.calls
        .filter((c) => c.operation === 'SQS.SendMessageBatch')
        .flatMap((c) => (c.body.Entries as { MessageBody: string }[]).map((e) => JSON.parse(e.MessageBody)));
      expect(sent).toContainEqual({
        accountId: demo.accountId,
        farmId: demo.farmId,
        reason: 'sweep',
        sweptEvery: 1,
      });
    });

    it('reconcile: runs a farm the sweep queued, from an SQS batch', async () => {
      const body = JSON.stringify({
        accountId: demo.accountId,
        farmId: demo.farmId,
        reason: 'sweep',
        sweptEvery: 1,
      });
      const run = await invoke('reconcile', [
        {
          event: { Records: [{ messageId: 'm-1', eventSource: 'aws:sqs', body }] },
          remainingMs: 16_000,
        },
      ]);
      const [result] = values(run);
      expect(result.batchItemFailures, run.log).toEqual([]);
    });

    it('servers: lists the servers the reconciler launched', async () => {
      const run = await invoke('servers', [
        { event: apiEvent('listServers', { farmId: demo.farmId }, bearer(token)) },
      ]);
      const [answer] = values(run);
      expect(answer.statusCode, `${answer.body}\n${run.log}`).toBe(200);
      const items = bodyOf(answer).items as { id: string }[];
      expect(items.length).toBeGreaterThanOrEqual(2);
      serverId = items[0]!.id;
    });

    it("agent: answers a server's agent with its tasks, refuses a forged token", async () => {
      expect(serverId, 'the servers test names a launched server').toMatch(/^srv-/);
      const agentToken = createHmacAgentTokens(AGENT_KEY).issue({
        accountId: demo.accountId,
        farmId: demo.farmId,
        serverId,
      });
      const forged = createHmacAgentTokens(randomBytes(48)).issue({
        accountId: demo.accountId,
        farmId: demo.farmId,
        serverId,
      });
      const run = await invoke('agent', [
        { event: apiEvent('listAgentTasks', {}, bearer(agentToken)) },
        { event: apiEvent('listAgentTasks', {}, bearer(forged)) },
      ]);
      const [tasks, refused] = values(run);
      expect(tasks.statusCode, `${tasks.body}\n${run.log}`).toBe(200);
      expect(refused.statusCode).toBe(401);
    });

    it("agentChannel: connects a server's agent, refuses one without a token, disconnects", async () => {
      expect(serverId, 'the servers test names a launched server').toMatch(/^srv-/);
      const agentToken = createHmacAgentTokens(AGENT_KEY).issue({
        accountId: demo.accountId,
        farmId: demo.farmId,
        serverId,
      });
      const ws = (routeKey: string, headers: Record<string, string> = {}) => ({
        headers,
        isBase64Encoded: false,
        requestContext: {
          routeKey,
          eventType: routeKey === '$connect' ? 'CONNECT' : 'DISCONNECT',
          connectionId: 'conn-bundles-1',
          connectedAt: Date.now(),
          requestId: randomUUID(),
          apiId: 'agents',
          stage: 'live',
          domainName: 'agents.drover.test',
        },
      });
      const run = await invoke('agentChannel', [
        { event: ws('$connect') },
        { event: ws('$connect', bearer(agentToken)) },
        { event: ws('$disconnect') },
      ]);
      expect(values(run).map((r) => r.statusCode)).toEqual([401, 200, 200]);
    });

    /** The EventBridge envelopes of the events the functions above put on the bus. */
    function envelopes() {
      return aws.putEvents().map((entry) => ({
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: '000000000000',
        time: new Date().toISOString(),
        region: REGION,
        resources: [],
        detail: JSON.parse(String(entry.Detail)),
      }));
    }

    it('orchestrator: takes the Drover events from the bus', async () => {
      const events = envelopes();
      expect(events.length).toBeGreaterThan(0);
      const run = await invoke(
        'orchestrator',
        events.map((event) => ({ event })),
      );
      for (const outcome of values(run))
        expect(outcome).toEqual({ created: 0, alreadyThere: 0, cancelled: 0 });
    });

    it('dispatcher: takes an SQS batch of Drover events without a failure', async () => {
      const records = envelopes().map((envelope) => ({
        messageId: randomUUID(),
        receiptHandle: 'receipt',
        body: JSON.stringify(envelope),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          SenderId: 'events',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:drover-webhooks',
        awsRegion: REGION,
      }));
      const run = await invoke('dispatcher', [{ event: { Records: records } }]);
      const [response] = values(run);
      expect(response, run.log).toEqual({ batchItemFailures: [] });
      expect(run.log).not.toContain('not webhook work');
    });
  });
});
