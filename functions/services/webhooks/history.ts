// Delivery history: a webhook's deliveries with their attempts (newest first), one delivery, and
// redelivery — the same delivery id again (receivers that already have it may drop it), with a
// fresh round of attempts, through the queue.
import { Conflict, NotFound } from '../../domain/errors';
import type { PageQuery } from '../../domain/schemas/common';
import type { Delivery } from '../../domain/schemas/webhook';
import type { Principal } from '../../ports/identity';
import { auditWrite } from '../audit';
import type { WebhookDeps } from './deps';
import { getWebhook } from './subscriptions';

export async function listDeliveries(
  deps: Pick<WebhookDeps, 'store' | 'clock'>,
  principal: Principal,
  environmentId: string,
  webhookId: string,
  page: PageQuery,
) {
  await getWebhook(deps, principal, environmentId, webhookId);
  return deps.store.deliveries.listByWebhook({ accountId: principal.accountId }, webhookId, page);
}

export async function getDelivery(
  deps: Pick<WebhookDeps, 'store'>,
  principal: Principal,
  environmentId: string,
  id: string,
): Promise<Delivery> {
  const delivery = await deps.store.deliveries.get({ accountId: principal.accountId }, id);
  if (!delivery || delivery.environmentId !== environmentId)
    throw new NotFound(`Delivery ${id} not found in environment ${environmentId}`);
  return delivery;
}

export async function redeliver(
  deps: Pick<WebhookDeps, 'store' | 'clock' | 'deliveryQueue'>,
  principal: Principal,
  environmentId: string,
  id: string,
): Promise<Delivery> {
  const current = await getDelivery(deps, principal, environmentId, id);
  if (current.status !== 'succeeded' && current.status !== 'failed')
    throw new Conflict(`Delivery ${id} is still ${current.status}; redeliver it once it has finished`);
  const next: Delivery = {
    ...current,
    status: 'pending',
    attemptLimit: current.attemptCount + current.attemptsPerRound,
    nextAttemptAt: null,
    version: current.version + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.deliveries.update(next, current.version);
  auditWrite({ before: current, after: next });
  await deps.deliveryQueue.enqueue({ kind: 'attempt', accountId: principal.accountId, deliveryId: id }, 0);
  return next;
}
