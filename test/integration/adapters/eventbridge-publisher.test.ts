// The EventBridge publisher's calls. EventBridge has no local emulator, so aws-sdk-client-mock
// stands in for the service (docs/architecture.md §9) and is used only to check what is sent and how
// partial failures are handled.
import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandOutput,
} from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventPublishError, EventTooLarge } from '../../../functions/adapters/eventbridge/errors';
import { createEventBridgePublisher } from '../../../functions/adapters/eventbridge/eventbridge-publisher';
import { entrySize, toEntry } from '../../../functions/adapters/eventbridge/put-events-batches';
import type { DroverEvent } from '../../../functions/ports/event-publisher';

const BUS = 'drover-test';

function events(count: number, payload: Record<string, unknown> = {}): DroverEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `evt-${String(i).padStart(26, '0')}`,
    name: i % 2 === 0 ? 'HostUp' : 'ServerReplaced',
    accountId: 'acc-1',
    environmentId: 'env-1',
    farmId: 'farm-1',
    serverId: `srv-${i}`,
    actor: 'system',
    message: `event ${i}`,
    payload,
    at: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
  }));
}

/** A PutEvents answer: `failures` maps an entry's position in the request to its ErrorCode. */
function answer(entries: number, failures: Record<number, string> = {}): PutEventsCommandOutput {
  return {
    $metadata: {},
    FailedEntryCount: Object.keys(failures).length,
    Entries: Array.from({ length: entries }, (_, i) =>
      failures[i]
        ? { ErrorCode: failures[i], ErrorMessage: `${failures[i]} for entry ${i}` }
        : { EventId: `eb-${i}` },
    ),
  };
}

const client = new EventBridgeClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
const eventBridge = mockClient(client);
const publisher = createEventBridgePublisher({
  busName: BUS,
  client,
  maxRetries: 3,
  backoff: { initialDelayMs: 1, maxDelayMs: 5 },
});

const sentDetails = (call: number) =>
  (eventBridge.commandCalls(PutEventsCommand)[call]?.args[0].input.Entries ?? []).map(
    (entry) => (JSON.parse(entry.Detail ?? '{}') as DroverEvent).id,
  );

beforeEach(() => {
  eventBridge.reset();
});

describe('createEventBridgePublisher', () => {
  it('publishes 25 events as 3 PutEvents calls of 10, 10 and 5 entries, in order', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input) => answer(input.Entries.length));
    const published = events(25);

    await publisher.publish(published);

    const calls = eventBridge.commandCalls(PutEventsCommand);
    expect(calls.map((c) => c.args[0].input.Entries?.length)).toEqual([10, 10, 5]);
    const entries = calls.flatMap((c) => c.args[0].input.Entries ?? []);
    expect(entries.map((e) => JSON.parse(e.Detail ?? '{}'))).toEqual(published);
    published.forEach((event, i) => {
      expect(entries[i]).toEqual({
        EventBusName: BUS,
        Source: 'drover',
        DetailType: event.name,
        Detail: JSON.stringify(event),
        Time: new Date(event.at),
      });
    });
  });

  it('keeps each request under 256 KB, however few entries that allows', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input) => answer(input.Entries.length));
    // ~100 KB each: two fit in one request, three do not.
    const big = events(5, { blob: 'x'.repeat(100 * 1024) });

    await publisher.publish(big);

    const calls = eventBridge.commandCalls(PutEventsCommand);
    expect(calls.map((c) => c.args[0].input.Entries?.length)).toEqual([2, 2, 1]);
    for (const call of calls) {
      const bytes = (call.args[0].input.Entries ?? []).reduce((sum, e) => sum + entrySize(e), 0);
      expect(bytes).toBeLessThanOrEqual(256 * 1024);
    }
  });

  it('sizes entries as EventBridge does: Time 14 bytes, the rest in UTF-8 bytes', () => {
    const [event] = events(1, { note: 'héllo' });
    const { entry, bytes } = toEntry(event!, BUS);
    expect(bytes).toBe(
      14 + 'drover'.length + 'HostUp'.length + Buffer.byteLength(entry.Detail ?? '', 'utf8'),
    );
  });

  it('sends again only the entries EventBridge refused, in their order, until they are accepted', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce(answer(10, { 3: 'ThrottlingException', 7: 'InternalFailure' }))
      .resolvesOnce(answer(2, { 1: 'ThrottlingException' }))
      .resolves(answer(1));
    const published = events(10);

    await publisher.publish(published);

    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(3);
    expect(sentDetails(1)).toEqual([published[3]?.id, published[7]?.id]);
    expect(sentDetails(2)).toEqual([published[7]?.id]);
  });

  it('throws naming how many events were lost when retryable refusals outlast every attempt', async () => {
    eventBridge
      .on(PutEventsCommand)
      .callsFake((input) =>
        input.Entries.length === 5
          ? answer(5, { 1: 'ThrottlingException', 4: 'ThrottlingException' })
          : answer(2, { 0: 'ThrottlingException', 1: 'ThrottlingException' }),
      );
    const published = events(5);

    const error = await publisher.publish(published).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(EventPublishError);
    const lost = error as EventPublishError;
    expect(lost.message).toBe(
      "2 of 5 events were not published to event bus 'drover-test' (ThrottlingException ×2)",
    );
    expect(lost.lost).toBe(2);
    expect(lost.published).toBe(3);
    expect(lost.unpublished.map((u) => u.eventId)).toEqual([published[1]?.id, published[4]?.id]);
    // One first try and three retries.
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(4);
  });

  it('does not retry refusals that would fail again, and reports the later batches as not sent', async () => {
    eventBridge.on(PutEventsCommand).resolves(answer(10, { 2: 'MalformedDetail' }));
    const published = events(15);

    const error = (await publisher.publish(published).catch((e: unknown) => e)) as EventPublishError;

    expect(error).toBeInstanceOf(EventPublishError);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(1);
    expect(error.lost).toBe(6);
    expect(error.published).toBe(9);
    expect(error.message).toBe(
      "6 of 15 events were not published to event bus 'drover-test' (MalformedDetail ×1, NotSent ×5)",
    );
    expect(error.unpublished[0]).toMatchObject({ eventId: published[2]?.id, errorCode: 'MalformedDetail' });
  });

  it('reports every event of a request that failed as a whole, with the SDK error as cause', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: events:PutEvents'), {
      name: 'AccessDeniedException',
    });
    eventBridge.on(PutEventsCommand).rejects(denied);

    const error = (await publisher.publish(events(3)).catch((e: unknown) => e)) as EventPublishError;

    expect(error).toBeInstanceOf(EventPublishError);
    expect(error.lost).toBe(3);
    expect(error.cause).toBe(denied);
    expect(error.unpublished.every((u) => u.errorCode === 'AccessDeniedException')).toBe(true);
  });

  it('refuses an event larger than a request before sending anything', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input) => answer(input.Entries.length));
    const tooBig = [...events(2), ...events(1, { blob: 'x'.repeat(256 * 1024) })];

    await expect(publisher.publish(tooBig)).rejects.toBeInstanceOf(EventTooLarge);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('makes no call for no events', async () => {
    await publisher.publish([]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });
});
