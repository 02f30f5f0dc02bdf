// Use-cases of webhooks (which events go to which endpoints). A webhook may only name endpoints
// and farms of its own environment: anything else is 422 with the field path.
import { NotFound, Unprocessable } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { PageQuery } from '../../domain/schemas/common';
import type { Webhook, WebhookInput } from '../../domain/schemas/webhook';
import type { Principal } from '../../ports/identity';
import { auditWrite } from '../audit';
import { getEnvironment } from '../environments';
import { expectedVersion } from '../versions';
import type { WebhookDeps } from './deps';
import { forgetEnvironmentConfig } from './dispatch';

type Deps = Pick<WebhookDeps, 'store' | 'clock'>;

const scopeOf = (principal: Principal, environmentId: string) => ({
  accountId: principal.accountId,
  environmentId,
});

export async function getWebhook(deps: Deps, principal: Principal, environmentId: string, id: string) {
  const webhook = await deps.store.webhooks.get(scopeOf(principal, environmentId), id);
  if (!webhook) throw new NotFound(`Webhook ${id} not found in environment ${environmentId}`);
  return webhook;
}

export async function listWebhooks(deps: Deps, principal: Principal, environmentId: string, page: PageQuery) {
  await getEnvironment(deps, principal, environmentId);
  return deps.store.webhooks.list(scopeOf(principal, environmentId), page);
}

async function checkReferences(deps: Deps, principal: Principal, environmentId: string, input: WebhookInput) {
  const issues: { in: string; path: string; message: string }[] = [];
  const scope = scopeOf(principal, environmentId);
  await Promise.all([
    ...input.endpointIds.map(async (id, i) => {
      if (!(await deps.store.webhookEndpoints.get(scope, id)))
        issues.push({
          in: 'body',
          path: `endpointIds.${i}`,
          message: `no endpoint ${id} in this environment`,
        });
    }),
    ...input.farmIds.map(async (id, i) => {
      const farm = await deps.store.farms.get({ accountId: principal.accountId }, id);
      if (!farm || farm.environmentId !== environmentId)
        issues.push({ in: 'body', path: `farmIds.${i}`, message: `no farm ${id} in this environment` });
    }),
  ]);
  if (issues.length > 0) {
    issues.sort((a, b) => a.path.localeCompare(b.path));
    throw new Unprocessable(
      `The webhook names things outside its environment: ${issues[0]!.message}`,
      issues,
    );
  }
}

export async function createWebhook(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  input: WebhookInput,
) {
  await getEnvironment(deps, principal, environmentId);
  await checkReferences(deps, principal, environmentId, input);
  const now = deps.clock.now().toISOString();
  const webhook: Webhook = {
    ...input,
    id: newId('webhook'),
    ...scopeOf(principal, environmentId),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.webhooks.create(webhook);
  forgetEnvironmentConfig(scopeOf(principal, environmentId));
  return webhook;
}

export async function updateWebhook(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  id: string,
  input: WebhookInput,
  ifMatch: number | '*' | undefined,
) {
  const current = await getWebhook(deps, principal, environmentId, id);
  const expected = expectedVersion(ifMatch, current, 'webhook');
  await checkReferences(deps, principal, environmentId, input);
  const webhook: Webhook = {
    ...current,
    ...input,
    version: expected + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.webhooks.update(webhook, expected);
  auditWrite({ before: current, after: webhook });
  forgetEnvironmentConfig(scopeOf(principal, environmentId));
  return webhook;
}

export async function deleteWebhook(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  id: string,
  ifMatch: number | '*' | undefined,
) {
  const current = await getWebhook(deps, principal, environmentId, id);
  await deps.store.webhooks.delete(
    scopeOf(principal, environmentId),
    id,
    ifMatch === undefined ? undefined : expectedVersion(ifMatch, current, 'webhook'),
  );
  auditWrite({ before: current, after: null });
  forgetEnvironmentConfig(scopeOf(principal, environmentId));
}
