// FarmDispatch on Amazon SQS: the sweep sends each due farm's request (ReconcileRequest JSON, the
// same body a look-again schedule carries) to the reconcile queue, ten to a SendMessageBatch, and
// the reconcile function reads the queue (infra/constructs/reconcile.ts: its event source).
//
// Why a queue rather than asynchronous Lambda invokes: ten farms per request ($0.40 per million
// requests: ≈ $0.00004 per farm-month swept every 5 minutes, plus the receives and deletes of the
// event source, also ten at a time); the event source's maximum concurrency keeps a tick with
// thousands of due farms from taking the account's whole Lambda concurrency (async invokes would
// all start at once, throttling the API); failed passes come back by the queue's visibility
// timeout and end in the dead-letter queue after a few tries. Async invokes would also need
// @aws-sdk/client-lambda in the bundle, which nothing else uses.
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FarmDispatch, SweptRequest } from '../../ports/farm-sweep';
import { traced } from '../observability/tracing';

const BATCH = 10;

export interface SqsFarmDispatchOptions {
  queueUrl: string;
  client?: SQSClient;
  /** How many batches are sent side by side. */
  concurrency?: number;
}

export function createSqsFarmDispatch(options: SqsFarmDispatchOptions): FarmDispatch {
  const client = options.client ?? traced(new SQSClient({}));
  const sendBatch = async (requests: readonly SweptRequest[]) => {
    const out = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: requests.map((r, i) => ({ Id: String(i), MessageBody: JSON.stringify(r) })),
      }),
    );
    // A batch succeeds per entry: what failed is sent once more, then reported.
    const failed = (out.Failed ?? []).map((f) => requests[Number(f.Id)]!);
    if (failed.length === 0) return;
    const again = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: failed.map((r, i) => ({ Id: String(i), MessageBody: JSON.stringify(r) })),
      }),
    );
    if ((again.Failed ?? []).length > 0)
      throw new Error(`the reconcile queue refused ${again.Failed!.length} of the sweep's requests`);
  };

  return {
    async dispatch(requests) {
      const batches: SweptRequest[][] = [];
      for (let i = 0; i < requests.length; i += BATCH) batches.push(requests.slice(i, i + BATCH));
      const side = options.concurrency ?? 8;
      for (let i = 0; i < batches.length; i += side) {
        await Promise.all(batches.slice(i, i + side).map(sendBatch));
      }
    },
  };
}
