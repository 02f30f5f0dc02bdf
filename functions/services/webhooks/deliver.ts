// One attempt of one delivery, recorded before and after the HTTP call so nothing is lost on a
// crash: the attempt is written `in-flight` first (a conditional write on the delivery's version,
// which also keeps two workers from sending the same attempt), then completed with its outcome.
// An attempt found still in flight long after it could have finished was interrupted (the worker
// died): it is marked so, counted, and the delivery carries on. A retry is scheduled through the
// DeliveryQueue after the record says when it is due, so a lost queue message only delays it
// until the event or the attempt message is seen again.
import { Conflict, PreconditionFailed } from '../../domain/errors';
import { type Delivery, type DeliveryAttempt, WEBHOOK_LIMITS } from '../../domain/schemas/webhook';
import { METRIC, noOperationsMetrics } from '../../ports/operations-metrics';
import type { StoredWebhookEndpoint } from '../../ports/store';
import type { PostOutcome } from '../../ports/webhook-transport';
import { resolveEgressTarget } from '../egress/egress-guard';
import type { WebhookDeps } from './deps';
import { bodyOf } from './new-delivery';
import { judgeOutcome, type Verdict } from './retry-policy';
import { signatureHeader } from './signature';

export { bodyOf, deliveredEventOf, deliveryIdOf, newDelivery } from './new-delivery';

/** An in-flight attempt older than the longest timeout plus this was interrupted. */
const INTERRUPTED_AFTER_MS = WEBHOOK_LIMITS.timeoutSecondsMax * 1000 + 30_000;
/** A due time this close is treated as now (timers fire a little early or late). */
const DUE_SLACK_MS = 50;

export const sealContextOf = (e: { accountId: string; environmentId: string; id: string }) => ({
  account: e.accountId,
  environment: e.environmentId,
  webhookEndpoint: e.id,
});

// Opened secrets by ciphertext: a rotation changes the ciphertext, so entries never go stale, and
// a burst of deliveries to one endpoint costs one KMS Decrypt instead of one per attempt.
const openedSecrets = new Map<string, string>();
const OPENED_SECRETS_MAX = 1000;

async function openSecret(deps: Pick<WebhookDeps, 'secrets'>, sealed: string, stored: StoredWebhookEndpoint) {
  const cached = openedSecrets.get(sealed);
  if (cached) return cached;
  const secret = await deps.secrets.open(sealed, sealContextOf(stored.endpoint));
  if (openedSecrets.size >= OPENED_SECRETS_MAX) openedSecrets.delete(openedSecrets.keys().next().value!);
  openedSecrets.set(sealed, secret);
  return secret;
}

/** The secrets that sign now: the current one, and the previous one during its overlap. */
export async function signingSecrets(
  deps: Pick<WebhookDeps, 'secrets'>,
  stored: StoredWebhookEndpoint,
  now: Date,
): Promise<string[]> {
  const secrets = [await openSecret(deps, stored.sealedSecret, stored)];
  const until = stored.endpoint.previousSecretExpiresAt;
  if (stored.sealedPreviousSecret && until && Date.parse(until) > now.getTime())
    secrets.push(await openSecret(deps, stored.sealedPreviousSecret, stored));
  return secrets;
}

export type AttemptResult =
  | 'missing'
  | 'finished'
  | 'busy'
  | 'not-due'
  | 'raced'
  | 'delivered'
  | 'retrying'
  | 'failed';

interface DeliveryRef {
  accountId: string;
  deliveryId: string;
}

/** The attempt record written before a request goes out. */
function inFlightAttempt(number: number, now: Date): DeliveryAttempt {
  return {
    number,
    outcome: 'in-flight',
    startedAt: now.toISOString(),
    finishedAt: null,
    httpStatus: null,
    latencyMs: null,
    responseExcerpt: null,
    error: null,
    nextRetryAt: null,
  };
}

function withAttemptStarted(delivery: Delivery, now: Date): Delivery {
  const number = delivery.attemptCount + 1;
  return {
    ...delivery,
    status: 'delivering',
    attemptCount: number,
    attempts: [...delivery.attempts, inFlightAttempt(number, now)].slice(-WEBHOOK_LIMITS.attemptsKept),
    nextAttemptAt: null,
  };
}

/**
 * A new delivery's first attempt: the delivery is created with that attempt already in flight
 * (one write is the intent record), then sent. A delivery that exists already (the event was
 * seen before) carries on through attemptDelivery instead.
 */
export async function startDelivery(
  deps: WebhookDeps,
  delivery: Delivery,
  endpoint?: StoredWebhookEndpoint,
): Promise<AttemptResult> {
  const recorded = withAttemptStarted(delivery, deps.clock.now());
  try {
    await deps.store.deliveries.create(recorded);
  } catch (err) {
    if (!(err instanceof Conflict)) throw err;
    return attemptDelivery(deps, { accountId: delivery.accountId, deliveryId: delivery.id });
  }
  return sendAndRecord(deps, recorded, endpoint);
}

/** Makes the delivery's next attempt if it is due; schedules itself again when it is not. */
export async function attemptDelivery(deps: WebhookDeps, ref: DeliveryRef): Promise<AttemptResult> {
  const current = await deps.store.deliveries.get({ accountId: ref.accountId }, ref.deliveryId);
  if (!current) return 'missing';
  if (current.status === 'succeeded' || current.status === 'failed') return 'finished';
  const now = deps.clock.now();
  let delivery = current;

  const last = delivery.attempts.at(-1);
  if (last?.outcome === 'in-flight') {
    const age = now.getTime() - Date.parse(last.startedAt);
    if (age < INTERRUPTED_AFTER_MS) {
      // Another worker is sending it; look again once it must have finished, in case it died.
      await deps.deliveryQueue.enqueue({ kind: 'attempt', ...ref }, INTERRUPTED_AFTER_MS - age);
      return 'busy';
    }
    delivery = withLastAttempt(delivery, {
      ...last,
      outcome: 'interrupted',
      finishedAt: now.toISOString(),
      error: 'The sender stopped before recording an answer; the receiver may have got it.',
    });
  }

  const dueIn = delivery.nextAttemptAt ? Date.parse(delivery.nextAttemptAt) - now.getTime() : 0;
  if (dueIn > DUE_SLACK_MS) {
    await deps.deliveryQueue.enqueue({ kind: 'attempt', ...ref }, dueIn);
    return 'not-due';
  }
  if (delivery.attemptCount >= delivery.attemptLimit) {
    await save(deps, { ...delivery, status: 'failed', nextAttemptAt: null }, current.version);
    return 'failed';
  }

  // Intent first: the attempt exists in the store before any byte goes out.
  let recorded: Delivery;
  try {
    recorded = await save(deps, withAttemptStarted(delivery, now), current.version);
  } catch (err) {
    // Another worker took this attempt (a duplicate queue message): it carries the delivery on.
    if (err instanceof PreconditionFailed) return 'raced';
    throw err;
  }
  return sendAndRecord(deps, recorded);
}

/** Sends the in-flight attempt that `recorded` ends with, and records its outcome. */
async function sendAndRecord(
  deps: WebhookDeps,
  recorded: Delivery,
  endpoint?: StoredWebhookEndpoint,
): Promise<AttemptResult> {
  const attempt = recorded.attempts.at(-1)!;
  const { outcome, refused } = await send(deps, recorded, new Date(attempt.startedAt), endpoint);
  const finishedAt = deps.clock.now();
  const verdict: Verdict = refused
    ? { kind: 'give-up', reason: refused }
    : judgeOutcome(
        outcome,
        attempt.number,
        recorded.attemptLimit,
        deps.webhookSettings.retry,
        deps.random ?? Math.random,
      );
  countAttempt(deps, verdict.kind === 'delivered');
  const nextAttemptAt =
    verdict.kind === 'retry' ? new Date(finishedAt.getTime() + verdict.delayMs).toISOString() : null;
  const completed = withLastAttempt(recorded, {
    ...attempt,
    outcome: refused ? 'refused' : verdict.kind === 'delivered' ? 'succeeded' : 'failed',
    finishedAt: finishedAt.toISOString(),
    httpStatus: outcome.kind === 'response' ? outcome.status : null,
    latencyMs: outcome.latencyMs,
    responseExcerpt: outcome.kind === 'response' ? outcome.excerpt : null,
    error: verdict.kind === 'delivered' ? null : outcome.kind === 'response' ? verdict.reason : outcome.error,
    nextRetryAt: nextAttemptAt,
  });
  await save(
    deps,
    {
      ...completed,
      status: verdict.kind === 'delivered' ? 'succeeded' : verdict.kind === 'retry' ? 'retrying' : 'failed',
      nextAttemptAt,
    },
    recorded.version,
  );
  if (verdict.kind === 'retry') {
    await deps.deliveryQueue.enqueue(
      { kind: 'attempt', accountId: recorded.accountId, deliveryId: recorded.id },
      verdict.delayMs,
    );
    return 'retrying';
  }
  return verdict.kind === 'delivered' ? 'delivered' : 'failed';
}

async function send(
  deps: WebhookDeps,
  delivery: Delivery,
  now: Date,
  known?: StoredWebhookEndpoint,
): Promise<{ outcome: PostOutcome; refused?: string }> {
  const none = (error: string): PostOutcome => ({ kind: 'network', latencyMs: 0, error });
  const stored =
    known ??
    (await deps.store.webhookEndpoints.get(
      { accountId: delivery.accountId, environmentId: delivery.environmentId },
      delivery.endpointId,
    ));
  if (!stored) return { outcome: none('the endpoint was deleted'), refused: 'the endpoint was deleted' };
  if (!stored.endpoint.enabled)
    return { outcome: none('the endpoint is disabled'), refused: 'the endpoint is disabled' };
  const url = new URL(stored.endpoint.url);
  const target = await resolveEgressTarget(deps.egress, url);
  if (target.kind === 'refused') return { outcome: none(target.reason), refused: target.reason };
  if (target.kind === 'unresolved') return { outcome: none(target.reason) };
  const body = bodyOf(delivery);
  const timestamp = Math.floor(now.getTime() / 1000);
  const secrets = await signingSecrets(deps, stored, now);
  const outcome = await deps.transport.post({
    url,
    address: target.address,
    body,
    timeoutMs: stored.endpoint.timeoutSeconds * 1000,
    headers: {
      ...stored.endpoint.headers,
      'drover-event': delivery.event.name,
      'drover-delivery': delivery.id,
      'drover-timestamp': String(timestamp),
      'drover-signature': signatureHeader(secrets, timestamp, body),
    },
  });
  return { outcome };
}

/** Every attempt that got an answer or gave up is one delivery for the operator's failure rate. */
function countAttempt(deps: Pick<WebhookDeps, 'metrics'>, delivered: boolean): void {
  const metrics = deps.metrics ?? noOperationsMetrics;
  metrics.add(METRIC.webhookDeliveries, 1);
  if (!delivered) metrics.add(METRIC.webhookFailures, 1);
}

function withLastAttempt(delivery: Delivery, attempt: DeliveryAttempt): Delivery {
  return { ...delivery, attempts: [...delivery.attempts.slice(0, -1), attempt] };
}

/** Writes the next version of a delivery on top of `expected`; returns what was written. */
async function save(deps: WebhookDeps, next: Delivery, expected: number): Promise<Delivery> {
  const written = { ...next, version: expected + 1, updatedAt: deps.clock.now().toISOString() };
  await deps.store.deliveries.update(written, expected);
  return written;
}
