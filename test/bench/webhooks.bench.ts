// Webhook dispatch in the local runtime: a burst of 1,000 events published at once on the
// in-process bus, each delivered (signed POST) to one local receiver. Prints deliveries/s and
// the event→delivery latency (publish to arrival at the receiver), p50 and p99.
// Run: npx tsx test/bench/webhooks.bench.ts   (BENCH_EVENTS, BENCH_CONCURRENCY to vary)
import { ulid } from 'ulid';
import type { DroverEvent } from '../../functions/ports/event-publisher';
import { startLocalRuntime } from '../../local/runtime';
import { apiClient } from '../support/api-client';
import { startReceiver } from '../support/webhook-receiver';
import { invokedDirectly } from './measure';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

export async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const rt = await startLocalRuntime({ port: 0, inMemory: true, webhooks: { concurrency: CONCURRENCY } });
  const receiver = await startReceiver(() => ({ status: 204 }));
  try {
    const api = apiClient(rt.apiUrl, rt.demo.token);
    const base = `/v1/environments/${rt.demo.environmentId}`;
    const endpoint = (await api.post(`${base}/webhook-endpoints`, { url: receiver.url })).body;
    await api.post(`${base}/webhooks`, { name: 'bench', endpointIds: [endpoint.id], events: ['BenchThing'] });

    const publishedAt = new Map<string, number>();
    const events: DroverEvent[] = Array.from({ length: EVENTS }, () => ({
      id: ulid(),
      name: 'BenchThing',
      accountId: rt.demo.accountId,
      environmentId: rt.demo.environmentId,
      farmId: rt.demo.farmId,
      actor: 'system',
      message: 'benchmark',
      payload: { size: 'small' },
      at: new Date().toISOString(),
    }));
    const started = Date.now();
    for (const e of events) publishedAt.set(e.id, started);
    await rt.bus.publish(events);
    await receiver.waitFor(EVENTS, 300_000);
    await rt.webhooks.queue.idle();
    const latencies = receiver.requests
      .map((r) => r.at - publishedAt.get(JSON.parse(r.body).event.id)!)
      .sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    const seconds = (Math.max(...receiver.requests.map((r) => r.at)) - started) / 1000;
    const ids = new Set(receiver.requests.map((r) => r.headers['drover-delivery']));
    console.log(
      `Webhooks in the local runtime (dynalite in memory): ${EVENTS} events published at once, one receiver, ${CONCURRENCY} workers:`,
    );
    console.table([
      {
        events: EVENTS,
        delivered: ids.size,
        requests: receiver.requests.length,
        'deliveries/s': Math.round(ids.size / seconds),
        'p50 event→delivery ms': at(0.5),
        'p99 event→delivery ms': at(0.99),
        'dead letters': rt.webhooks.queue.deadLetters.length,
      },
    ]);
  } finally {
    await rt.stop();
    await receiver.close();
  }
}

if (invokedDirectly(import.meta.url)) await main();
