// The SQS sandbox's world: named queues of messages with SQS's visibility rules — a received
// message is hidden for the visibility timeout (then visible again unless deleted), a delayed one
// is hidden until its delay ends — and the approximate counts GetQueueAttributes answers, which is
// what a scaling rule reads. In memory: queues live as long as the sandbox does.
import { createHash, randomUUID } from 'node:crypto';

export const SANDBOX_SQS_ACCOUNT = '000000000000';
export const SANDBOX_SQS_REGION = 'us-east-1';

/** An SQS error: its code (as the JSON protocol's __type and the query protocol's Code) and HTTP status. */
export class SqsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The query-protocol code when it differs (AWS.SimpleQueueService.NonExistentQueue…). */
    readonly queryCode: string = code,
    readonly status = 400,
  ) {
    super(message);
  }
}

interface Message {
  id: string;
  body: string;
  md5: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  receiptHandle: string | null;
}

export interface Queue {
  name: string;
  url: string;
  createdAt: number;
  visibilityTimeoutSec: number;
  delaySec: number;
  messages: Message[];
}

const NAME = /^[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

export class SqsQueues {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  create(name: string, attributes: Record<string, string> = {}): Queue {
    if (!NAME.test(name))
      throw new SqsError(
        'InvalidParameterValue',
        `Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length`,
      );
    const existing = this.queues.get(name);
    if (existing) return existing;
    const queue: Queue = {
      name,
      url: `${this.baseUrl()}/${SANDBOX_SQS_ACCOUNT}/${name}`,
      createdAt: this.now(),
      visibilityTimeoutSec: Number(attributes.VisibilityTimeout ?? 30),
      delaySec: Number(attributes.DelaySeconds ?? 0),
      messages: [],
    };
    this.queues.set(name, queue);
    return queue;
  }

  byName(name: string): Queue {
    const queue = this.queues.get(name);
    if (!queue)
      throw new SqsError(
        'QueueDoesNotExist',
        'The specified queue does not exist.',
        'AWS.SimpleQueueService.NonExistentQueue',
      );
    return queue;
  }

  /** The queue a URL names (its last path segment), whichever host or port the caller used. */
  byUrl(url: string | undefined): Queue {
    if (!url) throw new SqsError('MissingParameter', 'The request must contain the parameter QueueUrl.');
    return this.byName(url.replace(/\/+$/, '').split('/').pop() ?? '');
  }

  list(): Queue[] {
    return [...this.queues.values()];
  }

  delete(queue: Queue): void {
    this.queues.delete(queue.name);
  }

  send(queue: Queue, body: string, delaySec = queue.delaySec): { id: string; md5: string } {
    if (!body) throw new SqsError('MissingParameter', 'The request must contain the parameter MessageBody.');
    const now = this.now();
    const message: Message = {
      id: randomUUID(),
      body,
      md5: md5(body),
      sentAt: now,
      visibleAt: now + delaySec * 1000,
      receiveCount: 0,
      receiptHandle: null,
    };
    queue.messages.push(message);
    return { id: message.id, md5: message.md5 };
  }

  /** Up to `max` visible messages, hidden for the visibility timeout from now on. */
  receive(queue: Queue, max = 1, visibilitySec = queue.visibilityTimeoutSec) {
    if (max < 1 || max > 10)
      throw new SqsError(
        'InvalidParameterValue',
        'Value for parameter MaxNumberOfMessages is invalid. Reason: must be between 1 and 10.',
      );
    const now = this.now();
    const taken = queue.messages.filter((m) => m.visibleAt <= now).slice(0, max);
    for (const m of taken) {
      m.visibleAt = now + visibilitySec * 1000;
      m.receiveCount++;
      m.receiptHandle = `${m.id}#${randomUUID()}`;
    }
    return taken.map((m) => ({
      id: m.id,
      body: m.body,
      md5: m.md5,
      receiptHandle: m.receiptHandle!,
      receiveCount: m.receiveCount,
      sentAt: m.sentAt,
    }));
  }

  /** Deletes by the receipt handle of the message's latest receive (SQS ignores a stale one for a gone message). */
  deleteMessage(queue: Queue, receiptHandle: string | undefined): void {
    if (!receiptHandle)
      throw new SqsError('MissingParameter', 'The request must contain the parameter ReceiptHandle.');
    const id = receiptHandle.split('#')[0];
    const index = queue.messages.findIndex((m) => m.id === id);
    if (index < 0) return;
    if (queue.messages[index]!.receiptHandle !== receiptHandle)
      throw new SqsError(
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
      );
    queue.messages.splice(index, 1);
  }

  attributes(queue: Queue): Record<string, string> {
    const now = this.now();
    const visible = queue.messages.filter((m) => m.visibleAt <= now);
    const inFlight = queue.messages.filter((m) => m.visibleAt > now && m.receiveCount > 0);
    const delayed = queue.messages.filter((m) => m.visibleAt > now && m.receiveCount === 0);
    return {
      QueueArn: `arn:aws:sqs:${SANDBOX_SQS_REGION}:${SANDBOX_SQS_ACCOUNT}:${queue.name}`,
      ApproximateNumberOfMessages: String(visible.length),
      ApproximateNumberOfMessagesNotVisible: String(inFlight.length),
      ApproximateNumberOfMessagesDelayed: String(delayed.length),
      CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
      VisibilityTimeout: String(queue.visibilityTimeoutSec),
      DelaySeconds: String(queue.delaySec),
    };
  }
}
