// EventPublisher on Amazon EventBridge: PutEvents on the `drover` bus, `source: drover`,
// `detail-type` = the event's name, `detail` = the whole DroverEvent.
//
// PutEvents is not all-or-nothing: a 200 answer may carry FailedEntryCount > 0 with an ErrorCode
// per refused entry. Refused entries with a retryable code (ThrottlingException, InternalFailure)
// are sent again, only they, with exponential backoff and jitter; the others (AccessDenied,
// MalformedDetail, …) would fail the same way again and are reported at once. Whole-request
// failures (network, 5xx, throttled call) are already retried by the SDK's own retry strategy.
// Whatever is still unpublished at the end makes the call throw EventPublishError naming every
// lost event: nothing is dropped silently.
//
// Batches go one after another, so events are published in order; within a batch a retried
// entry lands after the entries that succeeded the first time. A batch that cannot be published
// stops the call (the later batches are reported as NotSent) rather than publishing past a gap.
//
// Retries use cockatiel (already the GCE driver's retry library): its decorrelated-jitter
// backoff is what AWS recommends for throttling, and the state between attempts (the entries
// still pending) stays a plain variable of the attempt closure.
import { EventBridgeClient, PutEventsCommand, type PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { ExponentialBackoff, handleType, retry } from 'cockatiel';
import type { DroverEvent, EventPublisher } from '../../ports/event-publisher';
import { EventPublishError, type UnpublishedEvent } from './errors';
import { type PendingEntry, toBatches, toEntry } from './put-events-batches';

/** PutEventsResultEntry codes AWS documents as retryable; every other code is final. */
const RETRYABLE_ENTRY_ERRORS = new Set(['ThrottlingException', 'InternalFailure']);

export interface EventBridgePublisherOptions {
  busName: string;
  client?: EventBridgeClient;
  /** Further attempts for refused entries after the first (default 3, so 4 tries in all). */
  maxRetries?: number;
  /** Backoff between those attempts (default 100 ms, growing to at most 2 s, jittered). */
  backoff?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Request limits; the defaults are EventBridge's (10 entries, 256 KB). */
  limits?: { maxEntries?: number; maxBytes?: number };
}

/** Thrown inside the retry policy when retryable entries remain; never leaves this module. */
class EntriesStillPending extends Error {}

interface BatchOutcome {
  unpublished: UnpublishedEvent[];
  cause?: unknown;
}

export function createEventBridgePublisher(options: EventBridgePublisherOptions): EventPublisher {
  const { busName } = options;
  const client = options.client ?? new EventBridgeClient({});
  const policy = retry(handleType(EntriesStillPending), {
    maxAttempts: options.maxRetries ?? 3,
    backoff: new ExponentialBackoff({
      initialDelay: options.backoff?.initialDelayMs ?? 100,
      maxDelay: options.backoff?.maxDelayMs ?? 2_000,
    }),
  });

  async function putBatch(batch: PendingEntry[]): Promise<BatchOutcome> {
    let pending = batch;
    const lastFailure = new Map<PendingEntry, UnpublishedEvent>();
    const refused = new Set<PendingEntry>();
    try {
      await policy.execute(async () => {
        const output = await client.send(new PutEventsCommand({ Entries: pending.map((p) => p.entry) }));
        if (!output.FailedEntryCount) {
          pending = [];
          return;
        }
        const retryable = sortResults(pending, output.Entries, lastFailure, refused);
        pending = retryable;
        if (pending.length > 0) throw new EntriesStillPending();
      });
    } catch (error) {
      if (!(error instanceof EntriesStillPending)) {
        // The request itself failed after the SDK's retries: whatever was pending is unpublished.
        const code = error instanceof Error ? error.name : 'Error';
        const message = error instanceof Error ? error.message : String(error);
        for (const p of pending) lastFailure.set(p, failureOf(p, code, message));
        return {
          unpublished: unpublishedOf(batch, new Set([...refused, ...pending]), lastFailure),
          cause: error,
        };
      }
    }
    return { unpublished: unpublishedOf(batch, new Set([...refused, ...pending]), lastFailure) };
  }

  return {
    async publish(events: DroverEvent[]): Promise<void> {
      if (events.length === 0) return;
      const batches = toBatches(
        events.map((event) => toEntry(event, busName)),
        options.limits,
      );
      let published = 0;
      for (const [index, batch] of batches.entries()) {
        const outcome = await putBatch(batch);
        published += batch.length - outcome.unpublished.length;
        if (outcome.unpublished.length > 0) {
          const notSent = batches
            .slice(index + 1)
            .flat()
            .map((p) => ({ eventId: p.event.id, name: p.event.name, errorCode: 'NotSent' }));
          throw new EventPublishError(
            busName,
            events.length,
            published,
            [...outcome.unpublished, ...notSent],
            outcome.cause === undefined ? undefined : { cause: outcome.cause },
          );
        }
      }
    },
  };
}

const failureOf = (p: PendingEntry, errorCode: string, errorMessage?: string): UnpublishedEvent => ({
  eventId: p.event.id,
  name: p.event.name,
  errorCode,
  ...(errorMessage !== undefined ? { errorMessage } : {}),
});

/**
 * Reads one PutEvents answer: records each refused entry's failure, sets aside those refused for
 * good, and returns those worth sending again. Result entries answer request entries position by
 * position; a missing result is retried.
 */
function sortResults(
  pending: PendingEntry[],
  results: PutEventsResultEntry[] | undefined,
  lastFailure: Map<PendingEntry, UnpublishedEvent>,
  refused: Set<PendingEntry>,
): PendingEntry[] {
  const retryable: PendingEntry[] = [];
  pending.forEach((p, index) => {
    const result = results?.[index];
    if (result && !result.ErrorCode && result.EventId) return;
    const errorCode = result?.ErrorCode ?? 'MissingResult';
    lastFailure.set(p, failureOf(p, errorCode, result?.ErrorMessage || undefined));
    if (RETRYABLE_ENTRY_ERRORS.has(errorCode) || !result) retryable.push(p);
    else refused.add(p);
  });
  return retryable;
}

/** The failures of a batch, in the batch's order. */
function unpublishedOf(
  batch: PendingEntry[],
  failed: Set<PendingEntry>,
  lastFailure: Map<PendingEntry, UnpublishedEvent>,
): UnpublishedEvent[] {
  return batch
    .filter((p) => failed.has(p))
    .map((p) => lastFailure.get(p) ?? { eventId: p.event.id, name: p.event.name, errorCode: 'Unknown' });
}
