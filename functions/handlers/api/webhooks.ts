// Lambda entry point of the `webhooks` route group: endpoints (secrets go out once, on create and
// rotate-secret), webhooks, delivery history, test and redeliver.

import { webhookDepsFromEnvironment } from '../../composition/webhooks';
import * as endpoints from '../../services/webhooks/endpoints';
import * as history from '../../services/webhooks/history';
import * as subscriptions from '../../services/webhooks/subscriptions';
import type { WebhookApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';
import { withEtag } from './operation';

export function createHandler(deps: WebhookApiDeps) {
  return createGroupHandler(
    'webhooks',
    {
      listWebhookEndpoints: async ({ principal, params, query }) =>
        endpoints.listEndpoints(deps, principal, params.environmentId, query),
      createWebhookEndpoint: async ({ principal, params, body }) =>
        withEtag(await endpoints.createEndpoint(deps, principal, params.environmentId, body)),
      getWebhookEndpoint: async ({ principal, params }) =>
        withEtag(await endpoints.getEndpoint(deps, principal, params.environmentId, params.endpointId)),
      updateWebhookEndpoint: async ({ principal, params, body, ifMatch }) =>
        withEtag(
          await endpoints.updateEndpoint(
            deps,
            principal,
            params.environmentId,
            params.endpointId,
            body,
            ifMatch,
          ),
        ),
      deleteWebhookEndpoint: async ({ principal, params, ifMatch }) => {
        await endpoints.deleteEndpoint(deps, principal, params.environmentId, params.endpointId, ifMatch);
      },
      rotateWebhookEndpointSecret: async ({ principal, params, body }) =>
        withEtag(
          await endpoints.rotateEndpointSecret(
            deps,
            principal,
            params.environmentId,
            params.endpointId,
            body,
          ),
        ),
      testWebhookEndpoint: async ({ principal, params }) =>
        endpoints.testEndpoint(deps, principal, params.environmentId, params.endpointId),

      listWebhooks: async ({ principal, params, query }) =>
        subscriptions.listWebhooks(deps, principal, params.environmentId, query),
      createWebhook: async ({ principal, params, body }) =>
        withEtag(await subscriptions.createWebhook(deps, principal, params.environmentId, body)),
      getWebhook: async ({ principal, params }) =>
        withEtag(await subscriptions.getWebhook(deps, principal, params.environmentId, params.webhookId)),
      updateWebhook: async ({ principal, params, body, ifMatch }) =>
        withEtag(
          await subscriptions.updateWebhook(
            deps,
            principal,
            params.environmentId,
            params.webhookId,
            body,
            ifMatch,
          ),
        ),
      deleteWebhook: async ({ principal, params, ifMatch }) => {
        await subscriptions.deleteWebhook(deps, principal, params.environmentId, params.webhookId, ifMatch);
      },
      listWebhookDeliveries: async ({ principal, params, query }) =>
        history.listDeliveries(deps, principal, params.environmentId, params.webhookId, query),
      getWebhookDelivery: async ({ principal, params }) =>
        history.getDelivery(deps, principal, params.environmentId, params.deliveryId),
      redeliverWebhookDelivery: async ({ principal, params }) =>
        history.redeliver(deps, principal, params.environmentId, params.deliveryId),
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(webhookDepsFromEnvironment()));
