// A queue rule through the whole loop: the composition root gives the reconcile pass the `sqs`
// reader (local-deps.ts, as composition/reconcile.ts does in AWS), so a per-instance rule on an SQS
// sandbox queue scales the farm role out with the queue's depth and back in when it drains.
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { untilConverged } from '../../support/converge';
import {
  launch,
  liveServers,
  newDemoFarm,
  startReconcileRuntime,
  type TestFarm,
} from '../reconcile/reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
  rt.deps.scalingPeriodMs = 1_000;
});
afterAll(() => rt?.stop());

const webCount = async (farm: TestFarm) =>
  liveServers((await untilConverged(farm.api, farm.farmId)).servers, 'web').length;

async function queueRuled(farm: TestFarm, queueUrl: string): Promise<void> {
  const current = await farm.api.get(`/v1/farms/${farm.farmId}`);
  const { name, description, leaseExpiresAt, farmRoles } = current.body;
  const web = farmRoles.find((fr: { alias: string }) => fr.alias === 'web');
  const scaling = {
    warmUpSec: 0,
    rules: [
      {
        name: 'jobs',
        mode: 'per-instance',
        source: { type: 'sqs', queueUrl },
        perInstance: 100,
        windowSec: 60,
      },
    ],
    scaleOut: { cooldownSec: 0, maxStepPercent: 1000 },
    scaleIn: { cooldownSec: 0, stabilizationSec: 0 },
  };
  const res = await farm.api.put(
    `/v1/farms/${farm.farmId}`,
    { name, description, leaseExpiresAt, farmRoles: [{ ...web, minInstances: 1, maxInstances: 4, scaling }] },
    { 'if-match': current.headers.get('etag')! },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('a per-instance rule on an SQS queue, in the loop', () => {
  it('scales out with the queue depth and back in when it drains', async () => {
    const queueUrl = rt.sandboxes.sqs.queues.create('loop-jobs').url;
    const client = new SQSClient({
      endpoint: rt.sandboxes.sqs.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const farm = await newDemoFarm(rt, 'queue-rule');
    await queueRuled(farm, queueUrl);
    await launch(farm);
    expect(await webCount(farm)).toBe(1);

    // 250 jobs at 100 a server want 3 servers.
    for (let batch = 0; batch < 25; batch++)
      await client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: `job ${batch}.${i}` })),
        }),
      );
    await expect.poll(() => webCount(farm), { timeout: 60_000, interval: 500 }).toBe(3);
    const out = await farm.api.get(`/v1/farms/${farm.farmId}/farm-roles/web/scaling`);
    expect(out.body.current.rules[0]).toMatchObject({ rule: 'jobs', value: 250, vote: 'out' });

    // Drained: back to the minimum.
    for (;;) {
      const got = await client.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }),
      );
      if (!got.Messages?.length) break;
      await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: got.Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
    await expect.poll(() => webCount(farm), { timeout: 90_000, interval: 1_000 }).toBe(1);
  }, 240_000);
});
