// Turns Drover events into PutEvents entries and cuts them into requests EventBridge accepts:
// at most 10 entries and 256 KB per request, sized the way EventBridge sizes them (Time counts
// 14 bytes; Source, DetailType, Detail and each Resource count their UTF-8 bytes). Batches keep
// the events' order, so sending them one after another publishes in order.
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { type DroverEvent, EVENT_SOURCE } from '../../ports/event-publisher';
import { EventTooLarge } from './errors';

export const MAX_ENTRIES_PER_REQUEST = 10;
export const MAX_REQUEST_BYTES = 256 * 1024;

export interface PendingEntry {
  event: DroverEvent;
  entry: PutEventsRequestEntry;
  bytes: number;
}

const utf8Bytes = (text: string | undefined): number => (text ? Buffer.byteLength(text, 'utf8') : 0);

export function entrySize(entry: PutEventsRequestEntry): number {
  return (
    (entry.Time ? 14 : 0) +
    utf8Bytes(entry.Source) +
    utf8Bytes(entry.DetailType) +
    utf8Bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, resource) => sum + utf8Bytes(resource), 0)
  );
}

export function toEntry(event: DroverEvent, busName: string): PendingEntry {
  const time = new Date(event.at);
  const entry: PutEventsRequestEntry = {
    EventBusName: busName,
    Source: EVENT_SOURCE,
    DetailType: event.name,
    // The whole event, so a subscriber needs nothing but `detail` (ids, actor, payload, at).
    Detail: JSON.stringify(event),
    // An unparseable `at` is left to EventBridge, which stamps the time of the call.
    ...(Number.isNaN(time.getTime()) ? {} : { Time: time }),
  };
  return { event, entry, bytes: entrySize(entry) };
}

/**
 * Splits entries into requests of at most `maxEntries` and `maxBytes`, in order. Throws before
 * anything is sent if one entry alone exceeds `maxBytes`: EventBridge would refuse it anyway,
 * and failing whole keeps "nothing published" distinguishable from "some published".
 */
export function toBatches(
  entries: PendingEntry[],
  limits: { maxEntries?: number; maxBytes?: number } = {},
): PendingEntry[][] {
  const maxEntries = limits.maxEntries ?? MAX_ENTRIES_PER_REQUEST;
  const maxBytes = limits.maxBytes ?? MAX_REQUEST_BYTES;
  const oversized = entries.filter((e) => e.bytes > maxBytes);
  if (oversized.length > 0) {
    throw new EventTooLarge(
      oversized.map((e) => ({ eventId: e.event.id, name: e.event.name, bytes: e.bytes })),
      maxBytes,
    );
  }
  const batches: PendingEntry[][] = [];
  let current: PendingEntry[] = [];
  let currentBytes = 0;
  for (const entry of entries) {
    if (current.length === maxEntries || currentBytes + entry.bytes > maxBytes) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += entry.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
