// Operability in the local runtime, with the same code paths as the Lambdas: a correlation id
// sent with an API request comes back on the answer, rides on the events the request publishes
// and on those of the reconcile they trigger, and names that reconcile's log lines; the reconcile
// pass and the webhook dispatcher count their figures as EMF (Powertools Metrics, enabled here
// and read from stdout, as CloudWatch reads a Lambda's log).
import { Metrics } from '@aws-lambda-powertools/metrics';
import { ulid } from 'ulid';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { operationsMetricsOf } from '../../../functions/adapters/observability/powertools-metrics';
import type { WebhookEndpointWithSecret } from '../../../functions/domain/schemas/webhook';
import type { DroverEvent } from '../../../functions/ports/event-publisher';
import { METRICS_NAMESPACE } from '../../../functions/ports/operations-metrics';
import type { LocalRuntime } from '../../../local/runtime';
import { apiClient } from '../../support/api-client';
import { type Receiver, startReceiver } from '../../support/webhook-receiver';
import { newDemoFarm, startReconcileRuntime, type TestFarm } from '../reconcile/reconcile-world';

let rt: LocalRuntime;
let farm: TestFarm;
let metrics: Metrics;
let receiver: Receiver | undefined;
let stdout: string[] = [];

beforeAll(async () => {
  rt = await startReconcileRuntime({ webhooks: { retry: { baseDelayMs: 50, maxDelayMs: 100 } } });
  farm = await newDemoFarm(rt, 'observed');
  // What a Lambda has: Powertools Metrics writing EMF (the test turns it on explicitly).
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'drover' });
  rt.deps.metrics = operationsMetricsOf(metrics);
  rt.webhooks.deps.metrics = operationsMetricsOf(metrics);
  rt.deps.logger.setLogLevel('DEBUG');
  const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
  vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stdout.push(String(chunk));
    return write(chunk, ...rest);
  }) as typeof process.stdout.write);
});
afterEach(() => {
  stdout = [];
});
afterAll(async () => {
  vi.restoreAllMocks();
  rt.deps.logger.setLogLevel('ERROR');
  await rt?.stop();
  await receiver?.close();
});

/** Every JSON object written to stdout (log lines and EMF blobs). */
function jsonLines(): Record<string, unknown>[] {
  return stdout
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The EMF blobs written: metric name → the blobs that carry it. */
function emf(name: string): Record<string, unknown>[] {
  return jsonLines().filter((line) => {
    const aws = line._aws as { CloudWatchMetrics?: { Namespace: string; Metrics: { Name: string }[] }[] };
    return aws?.CloudWatchMetrics?.some(
      (m) => m.Namespace === METRICS_NAMESPACE && m.Metrics.some((metric) => metric.Name === name),
    );
  });
}

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('correlation id', () => {
  it('comes back on the answer, rides on the events of the request and of the reconcile it triggers, and names its log lines', async () => {
    const events: DroverEvent[] = [];
    const unsubscribe = rt.bus.subscribe((event) => events.push(event));
    const correlationId = `test-${ulid()}`;
    const res = await farm.api.post(`/v1/farms/${farm.farmId}/launch`, undefined, {
      'X-Correlation-Id': correlationId,
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-correlation-id')).toBe(correlationId);

    const requested = await until('FarmLaunchRequested', () =>
      events.find((e) => e.farmId === farm.farmId && e.name === 'FarmLaunchRequested'),
    );
    expect(requested.correlationId).toBe(correlationId);
    // The reconciler's own events (launching the farm's servers) carry the request's id on.
    const byReconciler = await until('an event of the reconcile', () =>
      events.find(
        (e) => e.farmId === farm.farmId && e.actor === 'system' && e.name === 'BeforeInstanceLaunch',
      ),
    );
    expect(byReconciler.correlationId).toBe(correlationId);
    const reconciled = await until('the reconcile log line', () =>
      jsonLines().find((line) => line.message === 'reconciled' && line.farmId === farm.farmId),
    );
    expect(reconciled.correlation_id).toBe(correlationId);
    // That pass counted its launches by kind (EMF, one line per kind).
    expect(emf('ReconcileActions').map((blob) => blob.kind)).toContain('launch');
    unsubscribe();
  });

  it('is made up for a request that brings none, and a bad one is not echoed', async () => {
    const api = apiClient(rt.apiUrl, rt.demo.token);
    const plain = await api.get(`/v1/farms/${rt.demo.farmId}`);
    expect(plain.headers.get('x-correlation-id')).toMatch(/^[A-Za-z0-9._:-]{8,}$/);
    const injected = await api.get(`/v1/farms/${rt.demo.farmId}`, { 'X-Correlation-Id': 'not an id "}{' });
    expect(injected.headers.get('x-correlation-id')).not.toContain('"');
    const traced = await api.get(`/v1/farms/${rt.demo.farmId}`, {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    expect(traced.headers.get('x-correlation-id')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });
});

describe('EMF metrics', () => {
  it('counts each reconcile pass by result and its actions by kind', async () => {
    metrics.clearMetrics();
    const before = rt.reconciler.outcomes.length;
    rt.reconciler.request({ accountId: farm.demo.accountId, farmId: farm.farmId }, 'test');
    await until('a pass', () => rt.reconciler.outcomes.length > before || undefined);
    await rt.reconciler.idle();
    // Figures with a dimension are written at once (singleMetric); nothing waits for a flush.
    const passes = emf('ReconcilePasses');
    expect(passes.length).toBeGreaterThan(0);
    expect(passes[0]).toMatchObject({ service: 'drover', ReconcilePasses: 1 });
    expect(passes[0]!.result).toMatch(/^(applied|no-op|busy)$/);
    const declared = (passes[0]!._aws as { CloudWatchMetrics: { Dimensions: string[][] }[] })
      .CloudWatchMetrics[0]!;
    expect(declared.Dimensions[0]).toContain('result');
  });

  it('counts webhook deliveries and failures', async () => {
    receiver = await startReceiver((request) => (request.n === 1 ? { status: 500 } : { status: 204 }));
    const base = `/v1/environments/${rt.demo.environmentId}`;
    const api = apiClient(rt.apiUrl, rt.demo.token);
    const endpoint = await api.post<WebhookEndpointWithSecret>(`${base}/webhook-endpoints`, {
      url: receiver.url,
      description: 'metrics',
    });
    expect(endpoint.status).toBe(201);
    const webhook = await api.post(`${base}/webhooks`, {
      name: 'metrics',
      endpointIds: [endpoint.body.id],
      events: ['MetricThing'],
    });
    expect(webhook.status).toBe(201);
    metrics.clearMetrics();
    await rt.bus.publish([
      {
        id: ulid(),
        name: 'MetricThing',
        accountId: rt.demo.accountId,
        environmentId: rt.demo.environmentId,
        actor: 'system',
        message: 'a test event',
        payload: {},
        at: new Date().toISOString(),
      },
    ]);
    await receiver.waitFor(2);
    await rt.webhooks.queue.idle();
    metrics.publishStoredMetrics();
    // Values added within one flush are listed; CloudWatch sums them.
    const [blob] = emf('WebhookDeliveries');
    const total = (value: unknown) => [value].flat().reduce((sum: number, v) => sum + Number(v), 0);
    expect(total(blob!.WebhookDeliveries)).toBe(2);
    expect(total(blob!.WebhookFailures)).toBe(1);
  });
});
