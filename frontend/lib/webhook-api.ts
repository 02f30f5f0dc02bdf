// The portal's client of the webhooks API group (functions/handlers/api/webhook-routes.ts):
// endpoints, webhooks, delivery history, test and redeliver. Answers are parsed with the shared
// schemas, like every other call of the portal; writes of versioned items send If-Match.

import { z } from 'zod';
import { pageOf } from '../../functions/domain/schemas/common';
import {
  Delivery,
  type RotateSecretInput,
  Webhook,
  WebhookEndpoint,
  type WebhookEndpointInput,
  WebhookEndpointWithSecret,
  type WebhookInput,
} from '../../functions/domain/schemas/webhook';
import { all, type PageRequest, request } from './api-client';

const EndpointPage = pageOf(WebhookEndpoint);
const WebhookPage = pageOf(Webhook);
const DeliveryPage = pageOf(Delivery);
const NoContent = z.undefined();

const id = (value: string) => encodeURIComponent(value);
const endpointsPath = (env: string) => `/environments/${id(env)}/webhook-endpoints`;
const webhooksPath = (env: string) => `/environments/${id(env)}/webhooks`;
/** The ETag the API gives a version: what If-Match must repeat. */
const etagOf = (version: number) => `"${version}"`;

export const webhookApi = {
  allEndpoints(environmentId: string, signal?: AbortSignal): Promise<WebhookEndpoint[]> {
    return all(
      async (page: PageRequest) =>
        (await request(endpointsPath(environmentId), { query: { ...page }, schema: EndpointPage, signal }))
          .data,
    );
  },
  async createEndpoint(
    environmentId: string,
    input: WebhookEndpointInput,
  ): Promise<WebhookEndpointWithSecret> {
    const path = endpointsPath(environmentId);
    return (await request(path, { method: 'POST', body: input, schema: WebhookEndpointWithSecret })).data;
  },
  async updateEndpoint(endpoint: WebhookEndpoint, input: WebhookEndpointInput): Promise<WebhookEndpoint> {
    const path = `${endpointsPath(endpoint.environmentId)}/${id(endpoint.id)}`;
    const ifMatch = etagOf(endpoint.version);
    return (await request(path, { method: 'PUT', body: input, ifMatch, schema: WebhookEndpoint })).data;
  },
  async deleteEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    const path = `${endpointsPath(endpoint.environmentId)}/${id(endpoint.id)}`;
    await request(path, { method: 'DELETE', ifMatch: etagOf(endpoint.version), schema: NoContent });
  },
  async rotateSecret(
    endpoint: WebhookEndpoint,
    input: Partial<RotateSecretInput> = {},
  ): Promise<WebhookEndpointWithSecret> {
    const path = `${endpointsPath(endpoint.environmentId)}/${id(endpoint.id)}/rotate-secret`;
    return (await request(path, { method: 'POST', body: input, schema: WebhookEndpointWithSecret })).data;
  },
  async testEndpoint(endpoint: WebhookEndpoint): Promise<Delivery> {
    const path = `${endpointsPath(endpoint.environmentId)}/${id(endpoint.id)}/test`;
    return (await request(path, { method: 'POST', schema: Delivery })).data;
  },

  allWebhooks(environmentId: string, signal?: AbortSignal): Promise<Webhook[]> {
    return all(
      async (page: PageRequest) =>
        (await request(webhooksPath(environmentId), { query: { ...page }, schema: WebhookPage, signal }))
          .data,
    );
  },
  async getWebhook(environmentId: string, webhookId: string, signal?: AbortSignal): Promise<Webhook> {
    return (await request(`${webhooksPath(environmentId)}/${id(webhookId)}`, { schema: Webhook, signal }))
      .data;
  },
  async createWebhook(environmentId: string, input: WebhookInput): Promise<Webhook> {
    return (await request(webhooksPath(environmentId), { method: 'POST', body: input, schema: Webhook }))
      .data;
  },
  async updateWebhook(webhook: Webhook, input: WebhookInput): Promise<Webhook> {
    const path = `${webhooksPath(webhook.environmentId)}/${id(webhook.id)}`;
    const ifMatch = etagOf(webhook.version);
    return (await request(path, { method: 'PUT', body: input, ifMatch, schema: Webhook })).data;
  },
  async deleteWebhook(webhook: Webhook): Promise<void> {
    const path = `${webhooksPath(webhook.environmentId)}/${id(webhook.id)}`;
    await request(path, { method: 'DELETE', ifMatch: etagOf(webhook.version), schema: NoContent });
  },
  async listDeliveries(
    environmentId: string,
    webhookId: string,
    page: PageRequest = {},
    signal?: AbortSignal,
  ) {
    const path = `${webhooksPath(environmentId)}/${id(webhookId)}/deliveries`;
    return (await request(path, { query: { ...page }, schema: DeliveryPage, signal })).data;
  },
  async redeliver(delivery: Delivery): Promise<Delivery> {
    const path = `/environments/${id(delivery.environmentId)}/deliveries/${id(delivery.id)}/redeliver`;
    return (await request(path, { method: 'POST', schema: Delivery })).data;
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
