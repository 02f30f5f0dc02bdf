import type {
  Delivery,
  RotateSecretInput,
  Webhook,
  WebhookEndpoint,
  WebhookEndpointInput,
  WebhookEndpointWithSecret,
  WebhookInput,
} from '../../functions/domain/schemas/webhook';
import { all, type PageRequest } from './api-client';
import { portalApi } from './portal-client';

const endpointParams = (e: WebhookEndpoint) => ({ environmentId: e.environmentId, endpointId: e.id });
const webhookParams = (w: Webhook) => ({ environmentId: w.environmentId, webhookId: w.id });

export const webhookApi = {
  allEndpoints(environmentId: string, signal?: AbortSignal): Promise<WebhookEndpoint[]> {
    return all(
      async (page: PageRequest) =>
        (await portalApi.listWebhookEndpoints({ params: { environmentId }, query: page, signal })).body,
    );
  },
  async createEndpoint(
    environmentId: string,
    input: WebhookEndpointInput,
  ): Promise<WebhookEndpointWithSecret> {
    return (await portalApi.createWebhookEndpoint({ params: { environmentId }, body: input })).body;
  },
  async updateEndpoint(endpoint: WebhookEndpoint, input: WebhookEndpointInput): Promise<WebhookEndpoint> {
    const params = endpointParams(endpoint);
    return (await portalApi.updateWebhookEndpoint({ params, body: input, ifMatch: endpoint.version })).body;
  },
  async deleteEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    await portalApi.deleteWebhookEndpoint({ params: endpointParams(endpoint), ifMatch: endpoint.version });
  },
  async rotateSecret(
    endpoint: WebhookEndpoint,
    input: Partial<RotateSecretInput> = {},
  ): Promise<WebhookEndpointWithSecret> {
    return (await portalApi.rotateWebhookEndpointSecret({ params: endpointParams(endpoint), body: input }))
      .body;
  },
  async testEndpoint(endpoint: WebhookEndpoint): Promise<Delivery> {
    return (await portalApi.testWebhookEndpoint({ params: endpointParams(endpoint) })).body;
  },

  allWebhooks(environmentId: string, signal?: AbortSignal): Promise<Webhook[]> {
    return all(
      async (page: PageRequest) =>
        (await portalApi.listWebhooks({ params: { environmentId }, query: page, signal })).body,
    );
  },
  async getWebhook(environmentId: string, webhookId: string, signal?: AbortSignal): Promise<Webhook> {
    return (await portalApi.getWebhook({ params: { environmentId, webhookId }, signal })).body;
  },
  async createWebhook(environmentId: string, input: WebhookInput): Promise<Webhook> {
    return (await portalApi.createWebhook({ params: { environmentId }, body: input })).body;
  },
  async updateWebhook(webhook: Webhook, input: WebhookInput): Promise<Webhook> {
    return (
      await portalApi.updateWebhook({ params: webhookParams(webhook), body: input, ifMatch: webhook.version })
    ).body;
  },
  async deleteWebhook(webhook: Webhook): Promise<void> {
    await portalApi.deleteWebhook({ params: webhookParams(webhook), ifMatch: webhook.version });
  },
  async listDeliveries(
    environmentId: string,
    webhookId: string,
    page: PageRequest = {},
    signal?: AbortSignal,
  ) {
    return (
      await portalApi.listWebhookDeliveries({ params: { environmentId, webhookId }, query: page, signal })
    ).body;
  },
  async redeliver(delivery: Delivery): Promise<Delivery> {
    const params = { environmentId: delivery.environmentId, deliveryId: delivery.id };
    return (await portalApi.redeliverWebhookDelivery({ params })).body;
  },
};

export type {
  Delivery,
  Webhook,
  WebhookEndpoint,
  WebhookEndpointInput,
  WebhookEndpointWithSecret,
  WebhookInput,
};
