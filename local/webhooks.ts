// The local runtime's webhook dispatcher: the stand-in for the webhook SQS queue and its Lambda.
// The in-process bus routes every Drover event here (the same EVENT_RULES entry that infra/
// turns into the rule feeding SQS); a queue with timers holds delayed retries; a fixed number of
// workers run the same service the Lambda runs (handleDeliveryMessage). Work that throws is
// retried a few times, as SQS would before its DLQ, and then kept in `deadLetters`.
// With a file (the runtime's data dir) waiting work outlives a restart, as it does in SQS; each
// piece runs under the correlation id of the work that queued it.
// Egress follows the runtime's policy (not hosted by default: receivers on 127.0.0.1 are allowed).

import { randomUUID } from 'node:crypto';
import {
  currentCorrelationId,
  withCorrelationId,
} from '../functions/adapters/observability/correlation-context';
import { createNodeHttpTransport } from '../functions/adapters/webhooks/node-http-transport';
import type { DeliveryMessage, DeliveryQueue } from '../functions/ports/delivery-queue';
import type { DroverEvent } from '../functions/ports/event-publisher';
import {
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  type WebhookDeps,
  type WebhookSettings,
} from '../functions/services/webhooks/deps';
import { handleDeliveryMessage } from '../functions/services/webhooks/dispatch';
import type { DeliveryQueueFile, QueuedWork } from './delivery-queue-file';
import type { InProcessEventBus } from './event-bus';

export interface LocalWebhookOptions {
  retry?: Partial<RetryPolicy>;
  /** Deliveries in flight at once (default 32). */
  concurrency?: number;
  /** Keeps waiting work across restarts (the runtime's data dir; in memory when absent). */
  file?: DeliveryQueueFile;
}

/** How often failed work is tried again before it is dead-lettered (SQS maxReceiveCount). */
const MAX_RECEIVES = 5;
const REDRIVE_DELAY_MS = 500;
/** How long queue changes gather before the file is written. */
const SAVE_DELAY_MS = 50;

type Work = QueuedWork;

export class InProcessDeliveryQueue implements DeliveryQueue {
  /** Every piece of work not yet done, by id: what the file holds. */
  private readonly pending = new Map<string, Work>();
  private saveTimer?: NodeJS.Timeout;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly ready: Work[] = [];
  private running = 0;
  private stopped = false;
  private handler?: (message: DeliveryMessage) => Promise<void>;
  private idleWaiters: (() => void)[] = [];
  readonly deadLetters: { message: DeliveryMessage; error: unknown }[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly file?: DeliveryQueueFile,
  ) {}

  attach(handler: (message: DeliveryMessage) => Promise<void>): void {
    this.handler = handler;
  }

  async enqueue(message: DeliveryMessage, delayMs: number): Promise<void> {
    const correlationId =
      currentCorrelationId() ?? (message.kind === 'event' ? message.event.correlationId : undefined);
    const work: Work = { id: randomUUID(), message, dueAt: Date.now() + delayMs, receives: 0 };
    this.schedule(correlationId ? { ...work, correlationId } : work, delayMs);
  }

  /** Schedules the work the file kept from the last run (what was due meanwhile, at once). */
  restore(): number {
    const saved = this.file?.load() ?? [];
    for (const work of saved) this.schedule(work, Math.max(0, work.dueAt - Date.now()));
    return saved.length;
  }

  /** Resolves when nothing is queued, waiting or running (tests and benchmarks). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    // What still waits (timers, ready, running) is the next start's: the file keeps it.
    this.save();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.ready.length = 0;
    while (this.running > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  private schedule(work: Work, delayMs: number): void {
    if (this.stopped) return;
    this.remember(work);
    if (delayMs <= 0) {
      this.ready.push(work);
      this.pump();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ready.push(work);
      this.pump();
    }, delayMs);
    this.timers.add(timer);
  }

  private pump(): void {
    while (!this.stopped && this.handler && this.running < this.concurrency && this.ready.length > 0) {
      const work = this.ready.shift()!;
      this.running++;
      void this.run(work);
    }
    this.notifyIdle();
  }

  private async run(work: Work): Promise<void> {
    try {
      await withCorrelationId(work.correlationId, () => this.handler!(work.message));
      this.forget(work);
    } catch (error) {
      if (work.receives + 1 >= MAX_RECEIVES) {
        this.deadLetters.push({ message: work.message, error });
        this.forget(work);
      } else
        this.schedule(
          { ...work, receives: work.receives + 1, dueAt: Date.now() + REDRIVE_DELAY_MS },
          REDRIVE_DELAY_MS,
        );
    } finally {
      this.running--;
      this.pump();
    }
  }

  private remember(work: Work): void {
    this.pending.set(work.id, work);
    this.saveSoon();
  }

  private forget(work: Work): void {
    this.pending.delete(work.id);
    this.saveSoon();
  }

  // One write per burst rather than one per message (a burst of a thousand events would rewrite
  // the list a thousand times); stop() writes at once.
  private saveSoon(): void {
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.save(), SAVE_DELAY_MS);
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.file?.save([...this.pending.values()]);
  }

  private isIdle(): boolean {
    return this.running === 0 && this.ready.length === 0 && this.timers.size === 0;
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

export interface LocalWebhooks {
  deps: WebhookDeps;
  queue: InProcessDeliveryQueue;
  stop(): Promise<void>;
}

export function startLocalWebhooks(
  bus: InProcessEventBus,
  base: Pick<WebhookDeps, 'store' | 'secrets' | 'clock' | 'logger' | 'egress'>,
  options: LocalWebhookOptions = {},
): LocalWebhooks {
  const queue = new InProcessDeliveryQueue(options.concurrency ?? 32, options.file);
  const transport = createNodeHttpTransport();
  const webhookSettings: WebhookSettings = {
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    // Same process as the API, whose writes forget the cached environment at once.
    configCacheMs: 60_000,
  };
  const deps: WebhookDeps = {
    ...base,
    deliveryQueue: queue,
    transport,
    webhookSettings,
  };
  queue.attach((message) => handleDeliveryMessage(deps, message));
  queue.restore();
  bus.route(
    'webhooks',
    (event) => void queue.enqueue({ kind: 'event', event: event.detail as DroverEvent }, 0),
  );
  return {
    deps,
    queue,
    async stop() {
      await queue.stop();
      transport.close();
    },
  };
}
