// Use-cases of webhook endpoints. The signing secret is generated here, returned once (create,
// rotate-secret) and stored sealed with the endpoint's identity as context; rotation keeps the
// previous secret signing for an overlap window. "Send test event" makes one attempt at once and
// answers with the delivery. Custom header values are write-only too: every answer masks them
// (publicEndpoint), and a masked value sent back on PUT keeps the stored one.
import { ulid } from 'ulid';
import { Conflict, type FieldIssue, NotFound, Unprocessable } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { PageQuery } from '../../domain/schemas/common';
import {
  type RotateSecretInput,
  TEST_EVENT_NAME,
  WEBHOOK_HEADER_MASK,
  type WebhookEndpoint,
  type WebhookEndpointInput,
  type WebhookEndpointWithSecret,
} from '../../domain/schemas/webhook';
import type { Principal } from '../../ports/identity';
import type { StoredWebhookEndpoint } from '../../ports/store';
import { auditWrite } from '../audit';
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

/** The endpoint as every answer shows it: custom header names, their values masked. */
export function publicEndpoint<T extends WebhookEndpoint>(endpoint: T): T {
  const headers = Object.fromEntries(
    Object.keys(endpoint.headers).map((name) => [name, WEBHOOK_HEADER_MASK]),
  );
  return { ...endpoint, headers };
}

/** A masked value sent back keeps the stored value of that header (names compare case-insensitively). */
function keepMaskedHeaders(incoming: Record<string, string>, stored: Record<string, string>) {
  const issues: FieldIssue[] = [];
  const storedByName = new Map(Object.entries(stored).map(([name, value]) => [name.toLowerCase(), value]));
  const headers = Object.fromEntries(
    Object.entries(incoming).map(([name, value]) => {
      if (value !== WEBHOOK_HEADER_MASK) return [name, value];
      const kept = storedByName.get(name.toLowerCase());
      if (kept === undefined)
        issues.push({
          in: 'body',
          path: `headers.${name}`,
          message: `${WEBHOOK_HEADER_MASK} stands for a stored value, and this endpoint has no ${name} header: send the value itself`,
        });
      return [name, kept ?? value];
    }),
  );
  if (issues.length) throw new Unprocessable('A masked header value has nothing to keep', issues);
  return headers;
}

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
  return publicEndpoint((await getStoredEndpoint(deps, principal, environmentId, id)).endpoint);
}

export async function listEndpoints(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  page: PageQuery,
) {
  await getEnvironment(deps, principal, environmentId);
  const page_ = await deps.store.webhookEndpoints.list(scopeOf(principal, environmentId), page);
  return { ...page_, items: page_.items.map(publicEndpoint) };
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
    headers: keepMaskedHeaders(input.headers, {}),
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
  return publicEndpoint({ ...endpoint, signingSecret: secret });
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
    headers: keepMaskedHeaders(input.headers, stored.endpoint.headers),
    version: expected + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.webhookEndpoints.update({ ...stored, endpoint }, expected);
  forgetEnvironmentConfig(scopeOf(principal, environmentId));
  const updated = publicEndpoint(endpoint);
  auditWrite({ before: publicEndpoint(stored.endpoint), after: updated });
  return updated;
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
  auditWrite({ before: publicEndpoint(stored.endpoint), after: null });
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
  // The answer carries the new secret once; the entry says only that it changed (redacted).
  const rotated = publicEndpoint({ ...endpoint, signingSecret: secret });
  auditWrite({ before: publicEndpoint(stored.endpoint), after: rotated });
  return rotated;
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
  // A test changes nothing of the endpoint; the entry names it.
  auditWrite({ before: publicEndpoint(endpoint), after: publicEndpoint(endpoint) });
  return (await deps.store.deliveries.get({ accountId: principal.accountId }, delivery.id))!;
}
