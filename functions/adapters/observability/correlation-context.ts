// The correlation id of the work in progress: one id that follows a request from the API
// through the events it publishes, the reconcile, orchestration and webhook work they trigger,
// so an operator finds every log line of one user action with one CloudWatch Logs query.
// AsyncLocalStorage rather than Powertools' Logger.setCorrelationId: the local runtime serves
// many requests and passes in one process at once, and each must keep its own id.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const storage = new AsyncLocalStorage<string>();

/** Ids we accept from outside: short and printable, so a header cannot inject into logs. */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Runs `work` with `correlationId` as the current id (a fresh one when none is given). */
export function withCorrelationId<T>(correlationId: string | undefined, work: () => T): T {
  return storage.run(acceptedCorrelationId(correlationId) ?? randomUUID(), work);
}

/** The id of the work in progress, or undefined outside any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore();
}

export function acceptedCorrelationId(value: unknown): string | undefined {
  return typeof value === 'string' && ACCEPTED_ID.test(value) ? value : undefined;
}

/**
 * The id an HTTP request brings: `X-Correlation-Id`, else the trace id of a W3C `traceparent`,
 * else the API Gateway request id. Headers are lower-case (HTTP API payload 2.0).
 */
export function correlationIdOfRequest(
  headers: Record<string, string | undefined> | undefined,
  requestId: string | undefined,
): string | undefined {
  const given = acceptedCorrelationId(headers?.['x-correlation-id']);
  if (given) return given;
  const traceId = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(
    headers?.traceparent ?? '',
  )?.[1];
  return traceId ?? acceptedCorrelationId(requestId);
}

/**
 * The id an asynchronous invocation carries: a Drover event's `detail.correlationId` (from
 * EventBridge, or inside an SQS body), a queued message's own `correlationId`, or an embedded
 * event's. Undefined when it names none (a schedule, an EC2 notification).
 */
export function correlationIdOfEvent(event: unknown): string | undefined {
  if (!isRecord(event)) return undefined;
  return (
    acceptedCorrelationId(event.correlationId) ??
    (isRecord(event.detail) ? acceptedCorrelationId(event.detail.correlationId) : undefined) ??
    (isRecord(event.event) ? acceptedCorrelationId(event.event.correlationId) : undefined)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
