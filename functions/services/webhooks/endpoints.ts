// Use-cases of webhook endpoints. The signing secret is generated here, returned once (create,
// rotate-secret) and stored sealed with the endpoint's identity as context; rotation keeps the
// previous secret signing for an overlap window. "Send test event" makes one attempt at once and
// answers with the delivery.
import { ulid } from 'ulid';
import { Conflict, NotFound } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { PageQuery } from '../../domain/schemas/common';
import {
  type RotateSecretInput,
  TEST_EVENT_NAME,
  type WebhookEndpoint,
  type WebhookEndpointInput,
  type WebhookEndpointWithSecret,
} from '../../domain/schemas/webhook';
import type { Principal } from '../../ports/identity';
import type { StoredWebhookEndpoint } from '../../ports/store';
import { checkEgressUrl } from '../egress/egress-guard';
import { getEnvironment } from '../environments';
import { expectedVersion } from '../versions';
import { newDelivery, sealContextOf, startDelivery } from './deliver';
import type { WebhookDeps } from './deps';
import { forgetEnvironmentConfig } from './dispatch';
import { generateSigningSecret } from './signature';

type Deps = Omit<WebhookDeps, 'transport' | 'deliveryQueue'> &
  Partial<Pick<WebhookDeps, 'transport' | 'deliveryQueue'>>;

const scopeOf = (principal: Principal, environmentId: string) => ({
  accountId: principal.accountId,
  environmentId,
});

export async function getStoredEndpoint(
  deps: Pick<WebhookDeps, 'store'>,
  principal: Principal,
  environmentId: string,
  id: string,
): Promise<StoredWebhookEndpoint> {
  const stored = await deps.store.webhookEndpoints.get(scopeOf(principal, environmentId), id);
  if (!stored) throw new NotFound(`Webhook endpoint ${id} not found in environment ${environmentId}`);
  return stored;
}

export async function getEndpoint(
  deps: Pick<WebhookDeps, 'store'>,
  principal: Principal,
  environmentId: string,
  id: string,
): Promise<WebhookEndpoint> {
  return (await getStoredEndpoint(deps, principal, environmentId, id)).endpoint;
}

export async function listEndpoints(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  page: PageQuery,
) {
  await getEnvironment(deps, principal, environmentId);
  return deps.store.webhookEndpoints.list(scopeOf(principal, environmentId), page);
}

/** Where a refused URL is reported (422). */
const ENDPOINT_URL_FIELD = { path: 'url', what: 'The endpoint URL' };

export async function createEndpoint(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  input: WebhookEndpointInput,
): Promise<WebhookEndpointWithSecret> {
  await getEnvironment(deps, principal, environmentId);
  await checkEgressUrl(deps.egress, input.url, ENDPOINT_URL_FIELD);
  const now = deps.clock.now().toISOString();
  const secret = generateSigningSecret();
  const endpoint: WebhookEndpoint = {
    ...input,
    id: newId('webhookEndpoint'),
    ...scopeOf(principal, environmentId),
    secretHint: secret.slice(-4),
    secretRotatedAt: now,
    previousSecretExpiresAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const sealedSecret = await deps.secrets.seal(secret, sealContextOf(endpoint));
  await deps.store.webhookEndpoints.create({ endpoint, sealedSecret, sealedPreviousSecret: null });
  forgetEnvironmentConfig(scopeOf(principal, environmentId));
  return { ...endpoint, signingSecret: secret };
}

export async function updateEndpoint(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  id: string,
  input: WebhookEndpointInput,
  ifMatch: number | '*' | undefined,
): Promise<WebhookEndpoint> {
  const stored = await getStoredEndpoint(deps, principal, environmentId, id);
  const expected = expectedVersion(ifMatch, stored.endpoint, 'webhook endpoint');
  await checkEgressUrl(deps.egress, input.url, ENDPOINT_URL_FIELD);
  const endpoint: WebhookEndpoint = {
    ...stored.endpoint,
    ...input,
    version: expected + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.webhookEndpoints.update({ ...stored, endpoint }, expected);
  forgetEnvironmentConfig(scopeOf(principal, environmentId));
  return endpoint;
}

export async function deleteEndpoint(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  id: string,
  ifMatch: number | '*' | undefined,
): Promise<void> {
  const stored = await getStoredEndpoint(deps, principal, environmentId, id);
  const user = (await deps.store.webhooks.listAll(scopeOf(principal, environmentId))).find((w) =>
    w.endpointIds.includes(id),
  );
  if (user) throw new Conflict(`Webhook endpoint ${id} is used by webhook ${user.name} (${user.id})`);
  await deps.store.webhookEndpoints.delete(
    scopeOf(principal, environmentId),
    id,
    ifMatch === undefined ? undefined : expectedVersion(ifMatch, stored.endpoint, 'webhook endpoint'),
  );
  forgetEnvironmentConfig(scopeOf(principal, environmentId));
}

export async function rotateEndpointSecret(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  id: string,
  input: RotateSecretInput,
): Promise<WebhookEndpointWithSecret> {
  const stored = await getStoredEndpoint(deps, principal, environmentId, id);
  const now = deps.clock.now();
  const secret = generateSigningSecret();
  const overlap = input.overlapSeconds > 0;
  const endpoint: WebhookEndpoint = {
    ...stored.endpoint,
    secretHint: secret.slice(-4),
    secretRotatedAt: now.toISOString(),
    previousSecretExpiresAt: overlap
      ? new Date(now.getTime() + input.overlapSeconds * 1000).toISOString()
      : null,
    version: stored.endpoint.version + 1,
    updatedAt: now.toISOString(),
  };
  await deps.store.webhookEndpoints.update(
    {
      endpoint,
      sealedSecret: await deps.secrets.seal(secret, sealContextOf(endpoint)),
      sealedPreviousSecret: overlap ? stored.sealedSecret : null,
    },
    stored.endpoint.version,
  );
  forgetEnvironmentConfig(scopeOf(principal, environmentId));
  return { ...endpoint, signingSecret: secret };
}

/** Sends a `WebhookTest` event to the endpoint now (one attempt, no retries) and returns the delivery. */
export async function testEndpoint(
  deps: WebhookDeps,
  principal: Principal,
  environmentId: string,
  id: string,
) {
  const stored = await getStoredEndpoint(deps, principal, environmentId, id);
  const endpoint = stored.endpoint;
  const now = deps.clock.now();
  const delivery = newDelivery(
    {
      id: ulid(now.getTime()),
      name: TEST_EVENT_NAME,
      accountId: principal.accountId,
      environmentId,
      actor: principal.userId,
      message: `A test event for webhook endpoint ${endpoint.id}`,
      payload: { test: true },
      at: now.toISOString(),
    },
    { endpointId: endpoint.id, webhookIds: [], attemptLimit: 1 },
    now,
  );
  await startDelivery(deps, delivery, stored);
  return (await deps.store.deliveries.get({ accountId: principal.accountId }, delivery.id))!;
}
