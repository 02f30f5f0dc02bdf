// Webhook delivery end to end in the local runtime: events published on the in-process bus go
// through the same rule, queue and dispatcher as in AWS to a real HTTP receiver on 127.0.0.1.
// Each test subscribes to its own custom event name, so tests do not see each other's events.
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery, WebhookEndpointWithSecret } from '../../../functions/domain/schemas/webhook';
import type { DroverEvent } from '../../../functions/ports/event-publisher';
import { deliveryIdOf } from '../../../functions/services/webhooks/deliver';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';
import {
  loadVerifySnippet,
  type Receiver,
  type Responder,
  startReceiver,
} from '../../support/webhook-receiver';

let rt: LocalRuntime;
let api: ApiClient;
let base: string;
let verify: Awaited<ReturnType<typeof loadVerifySnippet>>;
const receivers: Receiver[] = [];

beforeAll(async () => {
  // Short backoff so retries happen within a test; Retry-After is honoured as given.
  rt = await startTestRuntime({ webhooks: { retry: { baseDelayMs: 50, maxDelayMs: 200 } } });
  api = apiClient(rt.apiUrl, rt.demo.token);
  base = `/v1/environments/${rt.demo.environmentId}`;
  verify = await loadVerifySnippet();
});
afterAll(async () => {
  await rt?.stop();
  await Promise.all(receivers.map((r) => r.close()));
});

function event(name: string, overrides: Partial<DroverEvent> = {}): DroverEvent {
  return {
    id: ulid(),
    name,
    accountId: rt.demo.accountId,
    environmentId: rt.demo.environmentId,
    farmId: rt.demo.farmId,
    actor: 'system',
    message: `${name} for a test`,
    payload: { n: 1 },
    at: new Date().toISOString(),
    ...overrides,
  };
}

async function subscribe(
  eventName: string,
  respond: Responder,
  options: { maxAttempts?: number; timeoutSeconds?: number } = {},
) {
  const receiver = await startReceiver(respond);
  receivers.push(receiver);
  const created = await api.post<WebhookEndpointWithSecret>(`${base}/webhook-endpoints`, {
    url: receiver.url,
    description: eventName,
    headers: { 'X-Team': 'ops' },
    ...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}),
  });
  expect(created.status).toBe(201);
  const webhook = await api.post(`${base}/webhooks`, {
    name: eventName,
    endpointIds: [created.body.id],
    events: [eventName],
    maxAttempts: options.maxAttempts ?? 5,
  });
  expect(webhook.status).toBe(201);
  return { receiver, endpoint: created.body, webhookId: webhook.body.id as string };
}

async function finished(deliveryId: string, timeoutMs = 20_000): Promise<Delivery> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.get<Delivery>(`${base}/deliveries/${deliveryId}`);
    if (res.status === 200 && (res.body.status === 'succeeded' || res.body.status === 'failed'))
      return res.body;
    if (Date.now() > deadline)
      throw new Error(`delivery ${deliveryId} still ${res.body?.status ?? res.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('webhook delivery', () => {
  it('signs each delivery so that the README snippet verifies it, and only with the right secret', async () => {
    const { receiver, endpoint } = await subscribe('SignedThing', () => ({ status: 204 }));
    const fired = event('SignedThing');
    await rt.bus.publish([fired]);
    const [request] = await receiver.waitFor(1);
    const h = request!.headers;
    expect(h['drover-event']).toBe('SignedThing');
    expect(h['drover-delivery']).toBe(deliveryIdOf(fired.id, endpoint.id));
    expect(Math.abs(Number(h['drover-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    expect(h['drover-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(h['content-type']).toBe('application/json');
    expect(h['x-team']).toBe('ops');
    expect(verify(request!.body, h, endpoint.signingSecret)).toBe(true);
    expect(verify(request!.body, h, 'whsec_not-the-secret')).toBe(false);
    expect(verify(request!.body.replace('"n":1', '"n":2'), h, endpoint.signingSecret)).toBe(false);
    expect(
      verify(
        request!.body,
        { ...h, 'drover-timestamp': String(Number(h['drover-timestamp']) - 3600) },
        endpoint.signingSecret,
      ),
    ).toBe(false);
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({
      deliveryId: h['drover-delivery'],
      endpointId: endpoint.id,
      event: { id: fired.id, name: 'SignedThing', farmId: rt.demo.farmId, payload: { n: 1 } },
    });
    expect(body.event.accountId).toBeUndefined();
  });

  it('retries a receiver failing twice with 500: 3 attempts with one delivery id, one success', async () => {
    const { receiver, endpoint, webhookId } = await subscribe('FlakyThing', (r) =>
      r.n <= 2 ? { status: 500, body: 'x'.repeat(5000) } : { status: 200, body: 'ok' },
    );
    const fired = event('FlakyThing');
    await rt.bus.publish([fired]);
    const delivery = await finished(deliveryIdOf(fired.id, endpoint.id));
    expect(receiver.requests).toHaveLength(3);
    expect(new Set(receiver.requests.map((r) => r.headers['drover-delivery']))).toEqual(
      new Set([delivery.id]),
    );
    expect(delivery.status).toBe('succeeded');
    expect(delivery.attempts.map((a) => [a.number, a.outcome, a.httpStatus])).toEqual([
      [1, 'failed', 500],
      [2, 'failed', 500],
      [3, 'succeeded', 200],
    ]);
    expect(delivery.attempts[0]!.responseExcerpt).toHaveLength(1024);
    expect(delivery.attempts[0]!.nextRetryAt).not.toBeNull();
    expect(delivery.attempts[2]!).toMatchObject({ responseExcerpt: 'ok', nextRetryAt: null, error: null });
    for (const a of delivery.attempts) expect(a.latencyMs).toBeGreaterThanOrEqual(0);
    const history = await api.get(`${base}/webhooks/${webhookId}/deliveries`);
    expect(history.body.items.map((d: Delivery) => d.id)).toEqual([delivery.id]);
  });

  it('does not retry a 400', async () => {
    const { receiver, endpoint } = await subscribe('RejectedThing', () => ({ status: 400, body: 'bad' }));
    const fired = event('RejectedThing');
    await rt.bus.publish([fired]);
    const delivery = await finished(deliveryIdOf(fired.id, endpoint.id));
    await pause(500); // well past the longest backoff: nothing more arrives
    expect(receiver.requests).toHaveLength(1);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toMatchObject([{ outcome: 'failed', httpStatus: 400, nextRetryAt: null }]);
    expect(delivery.attempts[0]!.error).toContain('not retried');
  });

  it('honours Retry-After on a 429', async () => {
    const { receiver, endpoint } = await subscribe('ThrottledThing', (r) =>
      r.n === 1 ? { status: 429, headers: { 'Retry-After': '1' } } : { status: 200 },
    );
    const fired = event('ThrottledThing');
    await rt.bus.publish([fired]);
    const delivery = await finished(deliveryIdOf(fired.id, endpoint.id));
    expect(delivery.status).toBe('succeeded');
    expect(receiver.requests).toHaveLength(2);
    // The backoff alone would wait at most 50 ms; Retry-After asked for a second.
    expect(receiver.requests[1]!.at - receiver.requests[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('retries after a timeout, and gives up at the attempt limit', async () => {
    const { receiver, endpoint } = await subscribe('SlowThing', () => ({ status: 200, delayMs: 1500 }), {
      maxAttempts: 2,
      timeoutSeconds: 1,
    });
    const fired = event('SlowThing');
    await rt.bus.publish([fired]);
    const delivery = await finished(deliveryIdOf(fired.id, endpoint.id));
    expect(receiver.requests).toHaveLength(2);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed']);
    expect(delivery.attempts[0]!.error).toContain('no answer within 1000 ms');
  });

  it('keeps the previous secret signing during a rotation overlap, and only the new one after', async () => {
    const { receiver, endpoint } = await subscribe('RotatedThing', () => ({ status: 204 }));
    const rotated = await api.post<WebhookEndpointWithSecret>(
      `${base}/webhook-endpoints/${endpoint.id}/rotate-secret`,
      { overlapSeconds: 3600 },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.signingSecret).not.toBe(endpoint.signingSecret);
    expect(rotated.body.previousSecretExpiresAt).not.toBeNull();
    await rt.bus.publish([event('RotatedThing')]);
    const [during] = await receiver.waitFor(1);
    expect(during!.headers['drover-signature']).toMatch(/^v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verify(during!.body, during!.headers, rotated.body.signingSecret)).toBe(true);
    expect(verify(during!.body, during!.headers, endpoint.signingSecret)).toBe(true);

    const again = await api.post<WebhookEndpointWithSecret>(
      `${base}/webhook-endpoints/${endpoint.id}/rotate-secret`,
      { overlapSeconds: 0 },
    );
    await rt.bus.publish([event('RotatedThing')]);
    const after = (await receiver.waitFor(2))[1]!;
    expect(after.headers['drover-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verify(after.body, after.headers, again.body.signingSecret)).toBe(true);
    expect(verify(after.body, after.headers, rotated.body.signingSecret)).toBe(false);
  });

  it('delivers a burst of 1,000 events, none lost, none acknowledged twice', async () => {
    // One in 25 first attempts fails with 503, so the burst exercises retries too.
    const { receiver, endpoint } = await subscribe('BurstThing', (r) => ({
      status: r.n % 25 === 0 ? 503 : 200,
    }));
    const events = Array.from({ length: 1000 }, () => event('BurstThing'));
    await rt.bus.publish(events);
    const expected = new Set(events.map((e) => deliveryIdOf(e.id, endpoint.id)));
    const deadline = Date.now() + 50_000;
    const acknowledged = new Map<string, number>();
    for (;;) {
      acknowledged.clear();
      for (const [i, r] of receiver.requests.entries())
        if ((i + 1) % 25 !== 0) {
          const id = String(r.headers['drover-delivery']);
          acknowledged.set(id, (acknowledged.get(id) ?? 0) + 1);
        }
      if (acknowledged.size >= expected.size || Date.now() > deadline) break;
      await pause(100);
    }
    await rt.webhooks.queue.idle();
    expect([...expected].filter((id) => !acknowledged.has(id))).toEqual([]);
    expect([...acknowledged.keys()].filter((id) => !expected.has(id))).toEqual([]);
    // At-least-once permits a duplicate only when a worker dies mid-attempt; none did here.
    expect([...acknowledged.values()].filter((n) => n > 1)).toEqual([]);
    expect(rt.webhooks.queue.deadLetters).toEqual([]);
  }, 60_000);
});

describe('webhook endpoints API', () => {
  it('shows the signing secret only on create and rotate', async () => {
    const created = await api.post(`${base}/webhook-endpoints`, { url: 'http://127.0.0.1:9/x' });
    expect(created.body.signingSecret).toMatch(/^whsec_[\w-]{43}$/);
    expect(created.body.secretHint).toBe(created.body.signingSecret.slice(-4));
    const id = created.body.id;
    const got = await api.get(`${base}/webhook-endpoints/${id}`);
    const listed = await api.get(`${base}/webhook-endpoints?limit=200`);
    const updated = await api.put(
      `${base}/webhook-endpoints/${id}`,
      { url: 'http://127.0.0.1:9/y' },
      { 'if-match': got.headers.get('etag')! },
    );
    expect(updated.status).toBe(200);
    for (const res of [got, listed, updated]) {
      expect(JSON.stringify(res.body)).not.toContain(created.body.signingSecret);
      expect(JSON.stringify(res.body)).not.toContain('signingSecret');
      expect(JSON.stringify(res.body)).not.toContain('sealed');
    }
  });

  it('sends a test event and redelivers a failed delivery with the same id', async () => {
    const { receiver, endpoint } = await subscribe('Unused', (r) => ({ status: r.n === 1 ? 404 : 200 }));
    const tested = await api.post<Delivery>(`${base}/webhook-endpoints/${endpoint.id}/test`);
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ status: 'failed', event: { name: 'WebhookTest' } });
    expect(tested.body.attempts).toMatchObject([{ outcome: 'failed', httpStatus: 404 }]);
    const again = await api.post<Delivery>(`${base}/deliveries/${tested.body.id}/redeliver`);
    expect(again.status).toBe(202);
    const done = await finished(tested.body.id);
    expect(done.status).toBe('succeeded');
    expect(done.attempts.map((a) => a.httpStatus)).toEqual([404, 200]);
    expect(receiver.requests.map((r) => r.headers['drover-delivery'])).toEqual([
      tested.body.id,
      tested.body.id,
    ]);
  });

  it('refuses to delete an endpoint a webhook uses, and a webhook naming another environment’s things', async () => {
    const { endpoint, webhookId } = await subscribe('Kept', () => ({ status: 204 }));
    expect((await api.delete(`${base}/webhook-endpoints/${endpoint.id}`)).status).toBe(409);
    const bad = await api.post(`${base}/webhooks`, {
      name: 'x',
      endpointIds: ['whe-00000000000000000000000000'],
      events: ['HostUp'],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: 'endpointIds.0' })]);
    expect((await api.delete(`${base}/webhooks/${webhookId}`)).status).toBe(204);
    expect((await api.delete(`${base}/webhook-endpoints/${endpoint.id}`)).status).toBe(204);
  });
});
