// The local webhook queue keeps waiting retries across a restart of the runtime, as SQS keeps
// them in AWS: a delivery whose first attempt failed is stopped with its retry pending, and the
// runtime started again on the same data dir makes that retry.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterAll, describe, expect, it } from 'vitest';
import type { Delivery, WebhookEndpointWithSecret } from '../../../functions/domain/schemas/webhook';
import { deliveryIdOf } from '../../../functions/services/webhooks/deliver';
import { type LocalRuntime, startLocalRuntime } from '../../../local/runtime';
import { apiClient } from '../../support/api-client';
import { type Receiver, startReceiver } from '../../support/webhook-receiver';

const dataDir = mkdtempSync(join(tmpdir(), 'drover-queue-restart-'));
const runtimes: LocalRuntime[] = [];
let receiver: Receiver | undefined;

async function start(): Promise<LocalRuntime> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const rt = await startLocalRuntime({ port: 0, dataDir });
  runtimes.push(rt);
  return rt;
}

afterAll(async () => {
  for (const rt of runtimes) await rt.stop().catch(() => {});
  await receiver?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('local webhook queue across a restart', () => {
  it('makes the retry that was waiting when the runtime stopped, after it starts again', async () => {
    // The first answer asks for a retry in 3 s: long enough to stop the runtime before it is due.
    receiver = await startReceiver((request) =>
      request.n === 1 ? { status: 503, headers: { 'Retry-After': '3' } } : { status: 204 },
    );
    const first = await start();
    const base = `/v1/environments/${first.demo.environmentId}`;
    let api = apiClient(first.apiUrl, first.demo.token);
    const endpoint = await api.post<WebhookEndpointWithSecret>(`${base}/webhook-endpoints`, {
      url: receiver.url,
      description: 'restart',
    });
    expect(endpoint.status).toBe(201);
    const webhook = await api.post(`${base}/webhooks`, {
      name: 'restart',
      endpointIds: [endpoint.body.id],
      events: ['RestartThing'],
    });
    expect(webhook.status).toBe(201);

    const eventId = ulid();
    await first.bus.publish([
      {
        id: eventId,
        name: 'RestartThing',
        accountId: first.demo.accountId,
        environmentId: first.demo.environmentId,
        actor: 'system',
        message: 'a test event',
        payload: {},
        at: new Date().toISOString(),
      },
    ]);
    await receiver.waitFor(1);
    const deliveryId = deliveryIdOf(eventId, endpoint.body.id);
    await until(
      async () => (await api.get<Delivery>(`${base}/deliveries/${deliveryId}`)).body?.status === 'retrying',
    );
    await first.stop();
    const saved = JSON.parse(readFileSync(join(dataDir, 'webhook-queue.json'), 'utf8'));
    expect(saved).toEqual([
      expect.objectContaining({ message: expect.objectContaining({ kind: 'attempt', deliveryId }) }),
    ]);
    expect(receiver.requests).toHaveLength(1);

    const second = await start();
    api = apiClient(second.apiUrl, second.demo.token);
    const [, retried] = await receiver.waitFor(2, 15_000);
    expect(retried!.headers['drover-delivery']).toBe(deliveryId);
    await until(
      async () => (await api.get<Delivery>(`${base}/deliveries/${deliveryId}`)).body?.status === 'succeeded',
    );
    // Done work leaves the file (written a moment after the change).
    await until(async () => readFileSync(join(dataDir, 'webhook-queue.json'), 'utf8') === '[]');
  }, 60_000);
});

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
