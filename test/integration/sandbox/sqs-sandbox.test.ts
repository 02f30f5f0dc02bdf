// The SQS sandbox with the real clients: @aws-sdk/client-sqs (AWS JSON 1.0) and Debian's aws CLI
// (the query protocol), on the same queues: create, look up, send (one and a batch), receive with
// a visibility timeout, delete, and the approximate counts (visible / not visible) a queue rule reads.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsSandbox } from '../../../sandbox/sqs';

const run = promisify(execFile);
let sqs: SqsSandbox;
let client: SQSClient;

beforeAll(async () => {
  sqs = new SqsSandbox();
  await sqs.start(0);
  client = new SQSClient({
    endpoint: sqs.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
afterAll(() => sqs?.stop());

async function counts(queueUrl: string) {
  const out = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return out.Attributes;
}

/** Debian's aws CLI 2.9 (its botocore speaks the query protocol to SQS). */
async function awsCli(...args: string[]) {
  const { stdout } = await run(
    '/usr/bin/aws',
    ['sqs', ...args, '--endpoint-url', sqs.url, '--output', 'json'],
    {
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_PAGER: '',
      },
    },
  );
  return stdout.trim() ? JSON.parse(stdout) : {};
}

describe('the SQS sandbox', () => {
  it('speaks the SDK: create, send one and a batch, receive hides, delete removes, counts follow', async () => {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'jobs-sdk' }));
    expect(QueueUrl).toBe(`${sqs.url}/000000000000/jobs-sdk`);
    expect((await client.send(new GetQueueUrlCommand({ QueueName: 'jobs-sdk' }))).QueueUrl).toBe(QueueUrl);

    // The SDK checks MD5OfMessageBody against what it sent: a wrong digest would throw here.
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'job 1' }));
    const batch = await client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [2, 3, 4].map((n) => ({ Id: `m${n}`, MessageBody: `job ${n}` })),
      }),
    );
    expect(batch.Successful?.map((s) => s.Id)).toEqual(['m2', 'm3', 'm4']);
    expect(await counts(QueueUrl!)).toEqual({
      ApproximateNumberOfMessages: '4',
      ApproximateNumberOfMessagesNotVisible: '0',
    });

    const received = await client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 3, VisibilityTimeout: 30 }),
    );
    expect(received.Messages?.map((m) => m.Body)).toEqual(['job 1', 'job 2', 'job 3']);
    expect(await counts(QueueUrl!)).toEqual({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '3',
    });
    await client.send(
      new DeleteMessageCommand({ QueueUrl, ReceiptHandle: received.Messages![0]!.ReceiptHandle }),
    );
    expect(await counts(QueueUrl!)).toEqual({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '2',
    });
  });

  it('makes a received message visible again after its visibility timeout', async () => {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'jobs-visibility' }));
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'retry me' }));
    await client.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 1 }));
    expect((await counts(QueueUrl!))?.ApproximateNumberOfMessagesNotVisible).toBe('1');
    await expect
      .poll(async () => (await counts(QueueUrl!))?.ApproximateNumberOfMessages, { timeout: 5_000 })
      .toBe('1');
  });

  it("answers an unknown queue with SQS's error, which the SDK maps to QueueDoesNotExist", async () => {
    await expect(client.send(new GetQueueUrlCommand({ QueueName: 'no-such-queue' }))).rejects.toBeInstanceOf(
      QueueDoesNotExist,
    );
  });

  it("speaks Debian's aws CLI (query protocol) on the same queues", async () => {
    const { QueueUrl } = await awsCli('create-queue', '--queue-name', 'jobs-cli');
    expect(QueueUrl).toBe(`${sqs.url}/000000000000/jobs-cli`);
    await awsCli('send-message', '--queue-url', QueueUrl, '--message-body', 'from the CLI');
    await awsCli(
      'send-message-batch',
      '--queue-url',
      QueueUrl,
      '--entries',
      JSON.stringify([
        { Id: 'a', MessageBody: 'batch a' },
        { Id: 'b', MessageBody: 'batch b' },
      ]),
    );
    const attributes = await awsCli(
      'get-queue-attributes',
      '--queue-url',
      QueueUrl,
      '--attribute-names',
      'ApproximateNumberOfMessages',
      'ApproximateNumberOfMessagesNotVisible',
    );
    expect(attributes.Attributes).toEqual({
      ApproximateNumberOfMessages: '3',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
    const received = await awsCli(
      'receive-message',
      '--queue-url',
      QueueUrl,
      '--max-number-of-messages',
      '2',
    );
    expect(received.Messages.map((m: { Body: string }) => m.Body)).toEqual(['from the CLI', 'batch a']);
    await awsCli(
      'delete-message',
      '--queue-url',
      QueueUrl,
      '--receipt-handle',
      received.Messages[0].ReceiptHandle,
    );
    // What the CLI did, the SDK sees.
    expect(await counts(QueueUrl)).toEqual({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '1',
    });
    await expect(awsCli('get-queue-url', '--queue-name', 'nope')).rejects.toThrow(/NonExistentQueue/);
  }, 60_000);
});
