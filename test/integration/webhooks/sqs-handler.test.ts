// The dispatcher Lambda's SQS handling (functions/handlers/webhooks.ts) on the local runtime's
// store and a real receiver: EventBridge envelopes and the dispatcher's own attempt messages are
// both understood, garbage is dropped, and a record whose work fails (here: queueing its retry)
// is reported as a batch item failure so SQS retries only it. SQS has no local emulator, so
// aws-sdk-client-mock stands in for the service and only records or refuses SendMessage.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { ulid } from 'ulid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSqsDeliveryQueue, delaySecondsOf } from '../../../functions/adapters/sqs/sqs-delivery-queue';
import { handleRecords, toDeliveryMessage } from '../../../functions/handlers/webhooks';
import type { DroverEvent } from '../../../functions/ports/event-publisher';
import { deliveryIdOf } from '../../../functions/services/webhooks/deliver';
import type { WebhookDeps } from '../../../functions/services/webhooks/deps';
import type { LocalRuntime } from '../../../local/runtime';
import { apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';
import { type Receiver, startReceiver } from '../../support/webhook-receiver';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/drover-webhooks';
const sqs = mockClient(SQSClient);
let rt: LocalRuntime;
let receiver: Receiver;
let deps: WebhookDeps;
let endpointId: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  receiver = await startReceiver((r) => ({ status: JSON.parse(r.body).event.payload.answer }));
  const api = apiClient(rt.apiUrl, rt.demo.token);
  const base = `/v1/environments/${rt.demo.environmentId}`;
  endpointId = (await api.post(`${base}/webhook-endpoints`, { url: receiver.url })).body.id;
  await api.post(`${base}/webhooks`, { name: 'sqs', endpointIds: [endpointId], events: ['SqsThing'] });
  deps = {
    ...rt.webhooks.deps,
    deliveryQueue: createSqsDeliveryQueue({
      queueUrl: QUEUE_URL,
      client: new SQSClient({ region: 'us-east-1' }),
    }),
  };
});
afterAll(async () => {
  await rt?.stop();
  await receiver?.close();
});
beforeEach(() => sqs.reset());

function event(answer: number): DroverEvent {
  return {
    id: ulid(),
    name: 'SqsThing',
    accountId: rt.demo.accountId,
    environmentId: rt.demo.environmentId,
    actor: 'system',
    message: '',
    payload: { answer },
    at: new Date().toISOString(),
  };
}

/** What the EventBridge rule's SQS target puts in a message body. */
const envelope = (e: DroverEvent) =>
  JSON.stringify({
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': e.name,
    source: 'drover',
    account: '123456789012',
    time: e.at,
    region: 'us-east-1',
    resources: [],
    detail: e,
  });

const record = (body: string, messageId = ulid()): SQSRecord =>
  ({ messageId, body, receiptHandle: 'r', attributes: {}, messageAttributes: {} }) as unknown as SQSRecord;

describe('the webhook dispatcher Lambda', () => {
  it('delivers events from EventBridge envelopes, queues retries on SQS, drops what it cannot read', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm' });
    const ok = event(204);
    // Published under a request's correlation id: the retry it queues carries that id on.
    const flaky = { ...event(503), correlationId: 'request-7' };
    const out = await handleRecords(deps, [
      record(envelope(ok)),
      record(envelope(flaky)),
      record('not json'),
    ]);
    expect(out.batchItemFailures).toEqual([]);
    expect(receiver.requests.map((r) => JSON.parse(r.body).event.id).sort()).toEqual(
      [ok.id, flaky.id].sort(),
    );
    const sent = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.QueueUrl).toBe(QUEUE_URL);
    expect(JSON.parse(sent[0]!.MessageBody!)).toEqual({
      kind: 'attempt',
      accountId: rt.demo.accountId,
      deliveryId: deliveryIdOf(flaky.id, endpointId),
      correlationId: 'request-7',
    });
    expect(sent[0]!.DelaySeconds).toBeGreaterThanOrEqual(0);
    expect(sent[0]!.DelaySeconds).toBeLessThanOrEqual(10);
  });

  it('reports a record whose retry could not be queued, and carries on when SQS hands it back', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('ThrottlingException'));
    const flaky = event(503);
    const failing = record(envelope(flaky), 'msg-1');
    const out = await handleRecords(deps, [failing, record(envelope(event(204)))]);
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
    const delivery = await rt.deps.store.deliveries.get(
      { accountId: rt.demo.accountId },
      deliveryIdOf(flaky.id, endpointId),
    );
    expect(delivery).toMatchObject({ status: 'retrying', attemptCount: 1 });
    expect(delivery!.nextAttemptAt).not.toBeNull();

    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm' });
    const before = receiver.requests.length;
    expect((await handleRecords(deps, [failing])).batchItemFailures).toEqual([]);
    // The event was seen before: no second delivery, no early attempt; the retry is queued again.
    expect(receiver.requests.length).toBe(before);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(1);
  });
});

describe('toDeliveryMessage', () => {
  it.each([
    ['garbage', 'nope', null],
    ['JSON that is not webhook work', '{"hello":1}', null],
    [
      'an envelope without a Drover event',
      JSON.stringify({ source: 'drover', 'detail-type': 'X', detail: {} }),
      null,
    ],
    [
      'an envelope from another source',
      JSON.stringify({ source: 'aws.ec2', 'detail-type': 'X', detail: {} }),
      null,
    ],
    ['an attempt message', '{"kind":"attempt","accountId":"acc-1","deliveryId":"dlv-1"}', 'attempt'],
    ['an event message', '{"kind":"event","event":{"id":"1"}}', 'event'],
  ])('%s', (_why, body, kind) => {
    expect(toDeliveryMessage(body)?.kind ?? null).toBe(kind);
  });

  it('caps an SQS delay at 15 minutes', () => {
    expect([delaySecondsOf(0), delaySecondsOf(1), delaySecondsOf(10_000), delaySecondsOf(3_600_000)]).toEqual(
      [0, 1, 10, 900],
    );
  });
});
