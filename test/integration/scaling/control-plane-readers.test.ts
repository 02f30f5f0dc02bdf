// The metric sources the control plane reads itself, against real parts: the `sqs` reader with the
// real @aws-sdk/client-sqs on the SQS sandbox (and a per-instance queue rule deciding on what it
// read), the `http` reader on a local HTTP server (response time, a number in the body, errors,
// timeout, a bounded body) — both through the egress guard, which refuses loopback in hosted mode.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsResolver } from '../../../functions/adapters/egress/dns-resolver';
import { createGuardedAgents } from '../../../functions/adapters/egress/guarded-agents';
import { createHttpReader } from '../../../functions/adapters/scaling-metrics/http-reader';
import { createSqsReader } from '../../../functions/adapters/scaling-metrics/sqs-reader';
import { decideScale } from '../../../functions/domain/scaling/decide-scale';
import { EMPTY_MEMORY } from '../../../functions/domain/scaling/scale-input';
import type { CloudCredentialsWithSecrets } from '../../../functions/domain/schemas/credentials';
import { Scaling } from '../../../functions/domain/schemas/scaling';
import type { ScalingTarget } from '../../../functions/ports/scaling-metrics';
import { SqsSandbox } from '../../../sandbox/sqs';

const egressOf = (hosted: boolean) => ({ policy: { hosted, allow: [] }, resolver: createDnsResolver() });
const localAgents = createGuardedAgents(egressOf(false));
const hostedAgents = createGuardedAgents(egressOf(true));
const window = { fromMs: 0, toMs: Date.now() + 60_000 };
const now = new Date();

let sqs: SqsSandbox;
let http: Server;
let httpUrl: string;

const awsCredentials = (endpoint: string): CloudCredentialsWithSecrets =>
  ({
    id: 'cred-01h00000000000000000000000',
    accountId: 'acc-01h00000000000000000000000',
    environmentId: 'env-01h00000000000000000000000',
    platform: 'aws',
    name: 'queues',
    description: '',
    auth: { type: 'accessKey', accessKeyId: 'AKIASANDBOX000000000' },
    secretAccessKey: 'sandbox-secret-access-key',
    endpoint,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  }) as CloudCredentialsWithSecrets;

const target = (platform = 'aws'): ScalingTarget =>
  ({
    accountId: 'acc-01h00000000000000000000000',
    environmentId: 'env-01h00000000000000000000000',
    farmId: 'farm-01h00000000000000000000000',
    farmRole: { platform, credentialsId: 'cred-01h00000000000000000000000' },
    serverIds: [],
  }) as unknown as ScalingTarget;

beforeAll(async () => {
  sqs = new SqsSandbox();
  await sqs.start(0);
  http = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/slow') return setTimeout(() => res.end('ok'), 200);
    if (path === '/depth') return res.end(' 42.5\n');
    if (path === '/json') return res.setHeader('content-type', 'application/json').end('17');
    if (path === '/words') return res.end('about 42');
    if (path === '/down') return res.writeHead(503).end('down');
    if (path === '/huge') return res.end('9'.repeat(100_000));
    if (path === '/hang') return; // never answers
    res.end('1');
  });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  http?.closeAllConnections();
  await new Promise((ok) => http?.close(ok));
  await sqs?.stop();
});

describe('the sqs reader', () => {
  const reader = (agents = localAgents) =>
    createSqsReader({ openCredentials: async () => awsCredentials(sqs.url), agents });

  it("reads a queue's visible messages with the farm role's AWS credentials", async () => {
    const queueUrl = sqs.queues.create('reader-jobs').url;
    const client = new SQSClient({
      endpoint: sqs.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    for (let batch = 0; batch < 25; batch++)
      await client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: `job ${batch}.${i}` })),
        }),
      );
    const read = await reader().readSamples({ type: 'sqs', queueUrl }, target(), window, now);
    expect(read).toEqual({ samples: [{ at: now.getTime(), value: 250 }] });

    // A per-instance rule on that queue: 250 messages at 100 each want 3 servers (from 1).
    const scaling = Scaling.parse({
      rules: [{ name: 'jobs', mode: 'per-instance', source: { type: 'sqs', queueUrl }, perInstance: 100 }],
      // No step cap in the way: the rule's own proposal is the decision.
      scaleOut: { maxStepPercent: 1000 },
    });
    const outcome = decideScale({
      now,
      role: { minInstances: 1, maxInstances: 10, scaling },
      servers: [{ id: 'srv-1', readyAt: 0 }],
      samples: { [`sqs:${queueUrl}`]: read.samples },
      memory: EMPTY_MEMORY,
    });
    expect(outcome.decision.desired).toBe(3);
  });

  it('says what is missing: no credentials on a non-AWS farm role, an unknown queue, hosted egress', async () => {
    const queueUrl = `${sqs.url}/000000000000/no-such-queue`;
    expect(await reader().readSamples({ type: 'sqs', queueUrl }, target('gce'), window, now)).toEqual({
      samples: [],
      missing: 'no AWS credentials named to read the queue with',
    });
    await expect(reader().readSamples({ type: 'sqs', queueUrl }, target(), window, now)).rejects.toThrow(
      /does not exist/,
    );
    const hostedQueue = sqs.queues.create('hosted-jobs').url;
    await expect(
      reader(hostedAgents).readSamples({ type: 'sqs', queueUrl: hostedQueue }, target(), window, now),
    ).rejects.toThrow(/Egress refused/);
  });
});

describe('the http reader', () => {
  const reader = createHttpReader({ agents: localAgents, timeoutMs: 1_000, maxBodyBytes: 1024 });
  const read = (path: string, measure: 'response-time-ms' | 'body-number', r = reader) =>
    r.readSamples({ type: 'http', url: `${httpUrl}${path}`, measure }, target(), window, now);

  it('measures the time to the whole answer', async () => {
    const { samples } = await read('/slow', 'response-time-ms');
    expect(samples).toHaveLength(1);
    expect(samples[0]!.value).toBeGreaterThanOrEqual(190);
  });

  it.each([
    ['/depth', 42.5],
    ['/json', 17],
  ])('reads the number %s answers', async (path, value) => {
    expect(await read(path, 'body-number')).toEqual({ samples: [{ at: now.getTime(), value }] });
  });

  it.each([
    ['/words', 'not one number'],
    ['/down', 'HTTP 503'],
    ['/huge', 'longer than 1024 bytes'],
    ['/hang', 'no answer within 1000 ms'],
  ])('reads %s as missing data: %s', async (path, reason) => {
    const result = await read(path, 'body-number');
    expect(result.samples).toEqual([]);
    expect(result.missing).toContain(reason);
  });

  it('refuses a loopback check in hosted mode', async () => {
    const hosted = createHttpReader({ agents: hostedAgents });
    const result = await read('/depth', 'body-number', hosted);
    expect(result).toMatchObject({ samples: [], missing: expect.stringContaining('Egress refused') });
  });
});
