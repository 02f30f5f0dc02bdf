// The reconcile pass's operator figures (services/reconcile/pass-metrics.ts) and the correlation
// id rules (adapters/observability/correlation-context.ts): pure functions, recorded through a
// recording OperationsMetrics.
import { describe, expect, it } from 'vitest';
import {
  correlationIdOfEvent,
  correlationIdOfRequest,
  currentCorrelationId,
  withCorrelationId,
} from '../../../functions/adapters/observability/correlation-context';
import type { Server } from '../../../functions/domain/schemas/server';
import type { OperationsMetrics } from '../../../functions/ports/operations-metrics';
import type { ReconcileSummary } from '../../../functions/ports/store';
import {
  degradedSince,
  healedSecondsSince,
  recordPassMetrics,
} from '../../../functions/services/reconcile/pass-metrics';

function recording() {
  const added: { name: string; value: number; unit?: string; dimension?: { name: string; value: string } }[] =
    [];
  const metrics: OperationsMetrics = {
    add: (name, value, unit, dimension) => added.push({ name, value, unit, dimension }),
  };
  return { metrics, added };
}

const summary = (convergence: ReconcileSummary['convergence'], since?: string): ReconcileSummary => ({
  convergence,
  reasons: [],
  lastReconcileAt: '2026-12-07T10:00:00.000Z',
  recheckAt: null,
  cloudCalls: {},
  ...(since ? { degradedSince: since } : {}),
});

function server(id: string, fields: Partial<Server>): Server {
  return { id, replacesServerId: null, timestamps: {}, ...fields } as Server;
}

describe('recordPassMetrics', () => {
  it('counts the pass by result, actions by kind, cloud errors by kind with throttles apart, and degraded time', () => {
    const { metrics, added } = recording();
    recordPassMetrics(metrics, {
      result: 'failed',
      actions: [{ type: 'launch' }, { type: 'launch' }, { type: 'terminate' }] as never,
      cloudErrors: { Throttled: 2, Unavailable: 1 },
      summary: summary('degraded', '2026-12-07T09:50:00.000Z'),
      now: new Date('2026-12-07T10:00:00.000Z'),
      healedSeconds: [42],
    });
    expect(added).toEqual([
      { name: 'ReconcilePasses', value: 1, unit: 'Count', dimension: { name: 'result', value: 'failed' } },
      { name: 'ReconcileFailures', value: 1, unit: undefined, dimension: undefined },
      { name: 'ReconcileActions', value: 2, unit: 'Count', dimension: { name: 'kind', value: 'launch' } },
      { name: 'ReconcileActions', value: 1, unit: 'Count', dimension: { name: 'kind', value: 'terminate' } },
      { name: 'CloudErrors', value: 2, unit: 'Count', dimension: { name: 'kind', value: 'Throttled' } },
      { name: 'CloudThrottles', value: 2, unit: undefined, dimension: undefined },
      { name: 'CloudErrors', value: 1, unit: 'Count', dimension: { name: 'kind', value: 'Unavailable' } },
      { name: 'FarmDegradedSeconds', value: 600, unit: 'Seconds', dimension: undefined },
      { name: 'HealingLatency', value: 42, unit: 'Seconds', dimension: undefined },
    ]);
  });

  it('counts only the pass of a quiet converged farm', () => {
    const { metrics, added } = recording();
    recordPassMetrics(metrics, {
      result: 'no-op',
      actions: [],
      cloudErrors: {},
      summary: summary('converged'),
      now: new Date(),
      healedSeconds: [],
    });
    expect(added.map((a) => a.name)).toEqual(['ReconcilePasses']);
  });
});

describe('degradedSince', () => {
  const now = new Date('2026-12-07T10:00:00.000Z');
  it.each([
    ['starts a spell when the farm becomes degraded', 'degraded', summary('converged'), now.toISOString()],
    [
      'keeps the start while it stays degraded',
      'degraded',
      summary('degraded', '2026-12-07T09:00:00.000Z'),
      '2026-12-07T09:00:00.000Z',
    ],
    [
      'starts one for a degraded farm whose summary predates the field',
      'degraded',
      summary('degraded'),
      now.toISOString(),
    ],
    [
      'ends it when the farm is no longer degraded',
      'converging',
      summary('degraded', '2026-12-07T09:00:00.000Z'),
      undefined,
    ],
  ] as const)('%s', (_why, convergence, previous, expected) => {
    expect(degradedSince(convergence, previous, now)).toBe(expected);
  });
});

describe('healedSecondsSince', () => {
  const gone = server('srv-old', {
    status: 'Terminated',
    timestamps: { Terminated: '2026-12-07T10:00:00.000Z' },
  });
  const replacement = server('srv-new', {
    replacesServerId: 'srv-old',
    timestamps: { Running: '2026-12-07T10:01:30.000Z' },
  });
  it('measures from the replaced server found gone to its replacement Running', () => {
    expect(healedSecondsSince([gone, replacement], '2026-12-07T10:01:00.000Z')).toEqual([90]);
  });
  it('counts a replacement once: not again on a later pass', () => {
    expect(healedSecondsSince([gone, replacement], '2026-12-07T10:02:00.000Z')).toEqual([]);
  });
  it('ignores servers that replace nothing and replacements not yet Running', () => {
    const booting = server('srv-boot', { replacesServerId: 'srv-old', timestamps: {} });
    expect(
      healedSecondsSince(
        [gone, booting, server('srv-plain', { timestamps: { Running: '2026-12-07T10:01:30.000Z' } })],
        undefined,
      ),
    ).toEqual([]);
  });
});

describe('correlation ids', () => {
  it.each([
    ['a caller-given X-Correlation-Id', { 'x-correlation-id': 'order-42' }, 'req-1', 'order-42'],
    [
      'the trace id of a traceparent',
      { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      'req-1',
      '4bf92f3577b34da6a3ce929d0e0e4736',
    ],
    ['the API Gateway request id otherwise', {}, 'req-1', 'req-1'],
    ['not a header that could forge log fields', { 'x-correlation-id': 'x" level="ERROR' }, 'req-1', 'req-1'],
  ])('takes %s', (_why, headers, requestId, expected) => {
    expect(correlationIdOfRequest(headers, requestId)).toBe(expected);
  });

  it('reads the id an event, a queued message or an embedded event carries', () => {
    expect(correlationIdOfEvent({ source: 'drover', detail: { correlationId: 'a-1' } })).toBe('a-1');
    expect(correlationIdOfEvent({ kind: 'attempt', correlationId: 'b-2' })).toBe('b-2');
    expect(correlationIdOfEvent({ kind: 'event', event: { correlationId: 'c-3' } })).toBe('c-3');
    expect(correlationIdOfEvent({ source: 'aws.ec2', detail: {} })).toBeUndefined();
  });

  it('keeps concurrent work apart, and makes one up when none is given', async () => {
    const seen = await Promise.all(
      ['one', 'two'].map((id) =>
        withCorrelationId(id, async () => {
          await new Promise((r) => setTimeout(r, 5));
          return currentCorrelationId();
        }),
      ),
    );
    expect(seen).toEqual(['one', 'two']);
    expect(withCorrelationId(undefined, currentCorrelationId)).toMatch(/^[0-9a-f-]{36}$/);
    expect(currentCorrelationId()).toBeUndefined();
  });
});
