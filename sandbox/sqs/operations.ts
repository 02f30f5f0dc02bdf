// The SQS operations the sandbox answers, on requests already decoded to the JSON protocol's
// shapes (wire.ts decodes the query protocol into the same): what Drover's queue metric reads
// (GetQueueAttributes) and what a test or a user's script needs to fill and drain a queue.
import { SqsError, type SqsQueues } from './queues';

// biome-ignore lint/suspicious/noExplicitAny: wire input of either protocol, read field by field as SQS does
export type SqsParams = Record<string, any>;
export type SqsResult = Record<string, unknown>;

const LONG_POLL_STEP_MS = 100;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

function batch(entries: unknown, what: string): SqsParams[] {
  if (!Array.isArray(entries) || entries.length === 0)
    throw new SqsError(
      'EmptyBatchRequest',
      `There should be at least one ${what} in the request.`,
      'AWS.SimpleQueueService.EmptyBatchRequest',
    );
  if (entries.length > 10)
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    );
  return entries as SqsParams[];
}

async function receive(queues: SqsQueues, p: SqsParams): Promise<SqsResult> {
  const queue = queues.byUrl(p.QueueUrl);
  const max = p.MaxNumberOfMessages === undefined ? 1 : Number(p.MaxNumberOfMessages);
  const visibility = p.VisibilityTimeout === undefined ? undefined : Number(p.VisibilityTimeout);
  // Long polling: wait up to WaitTimeSeconds (at most 20, as SQS) for a message to become visible.
  const until = Date.now() + Math.min(Number(p.WaitTimeSeconds ?? 0), 20) * 1000;
  let messages = queues.receive(queue, max, visibility);
  while (messages.length === 0 && Date.now() < until) {
    await sleep(LONG_POLL_STEP_MS);
    messages = queues.receive(queue, max, visibility);
  }
  return {
    Messages: messages.map((m) => ({
      MessageId: m.id,
      ReceiptHandle: m.receiptHandle,
      MD5OfBody: m.md5,
      Body: m.body,
      Attributes: { ApproximateReceiveCount: String(m.receiveCount), SentTimestamp: String(m.sentAt) },
    })),
  };
}

export const OPERATIONS: Record<string, (queues: SqsQueues, p: SqsParams) => SqsResult | Promise<SqsResult>> =
  {
    CreateQueue: (q, p) => ({ QueueUrl: q.create(p.QueueName, p.Attributes ?? {}).url }),
    GetQueueUrl: (q, p) => ({ QueueUrl: q.byName(p.QueueName).url }),
    ListQueues: (q, p) => ({
      QueueUrls: q
        .list()
        .filter((queue) => queue.name.startsWith(p.QueueNamePrefix ?? ''))
        .map((queue) => queue.url),
    }),
    DeleteQueue: (q, p) => {
      q.delete(q.byUrl(p.QueueUrl));
      return {};
    },
    PurgeQueue: (q, p) => {
      q.byUrl(p.QueueUrl).messages = [];
      return {};
    },
    SendMessage: (q, p) => {
      const queue = q.byUrl(p.QueueUrl);
      const sent = q.send(
        queue,
        p.MessageBody,
        p.DelaySeconds === undefined ? undefined : Number(p.DelaySeconds),
      );
      return { MessageId: sent.id, MD5OfMessageBody: sent.md5 };
    },
    SendMessageBatch: (q, p) => {
      const queue = q.byUrl(p.QueueUrl);
      const entries = batch(p.Entries, 'SendMessageBatchRequestEntry');
      const Successful = entries.map((e) => {
        const sent = q.send(
          queue,
          e.MessageBody,
          e.DelaySeconds === undefined ? undefined : Number(e.DelaySeconds),
        );
        return { Id: e.Id, MessageId: sent.id, MD5OfMessageBody: sent.md5 };
      });
      return { Successful, Failed: [] };
    },
    ReceiveMessage: receive,
    DeleteMessage: (q, p) => {
      q.deleteMessage(q.byUrl(p.QueueUrl), p.ReceiptHandle);
      return {};
    },
    DeleteMessageBatch: (q, p) => {
      const queue = q.byUrl(p.QueueUrl);
      const entries = batch(p.Entries, 'DeleteMessageBatchRequestEntry');
      for (const e of entries) q.deleteMessage(queue, e.ReceiptHandle);
      return { Successful: entries.map((e) => ({ Id: e.Id })), Failed: [] };
    },
    GetQueueAttributes: (q, p) => {
      const all = q.attributes(q.byUrl(p.QueueUrl));
      const names: string[] = p.AttributeNames ?? ['All'];
      const wanted = names.includes('All') ? Object.keys(all) : names.filter((n) => n in all);
      return { Attributes: Object.fromEntries(wanted.map((n) => [n, all[n]])) };
    },
  };
