// The `webhooks` group's part of the API routing table (routes.ts spreads it into API_ROUTES):
// endpoints, webhooks and delivery history of one environment.
import { z } from 'zod';
import { idOf, PageQuery, pageOf } from '../domain/schemas/common';
import {
  Delivery,
  RotateSecretInput,
  Webhook,
  WebhookEndpoint,
  WebhookEndpointInput,
  WebhookEndpointWithSecret,
  WebhookInput,
} from '../domain/schemas/webhook';
import { type RouteDef, routeOf } from './route-def';

const EnvParams = z.object({ environmentId: idOf('environment') });
const EndpointParams = EnvParams.extend({ endpointId: idOf('webhookEndpoint') });
const WebhookParams = EnvParams.extend({ webhookId: idOf('webhook') });
const DeliveryParams = EnvParams.extend({ deliveryId: idOf('delivery') });
const ENDPOINTS = '/api/v1/environments/{environmentId}/webhook-endpoints';
const WEBHOOKS = '/api/v1/environments/{environmentId}/webhooks';
const DELIVERIES = '/api/v1/environments/{environmentId}/deliveries';

const route = routeOf('webhooks', true);

export const WEBHOOK_ROUTES = [
  route({
    operationId: 'listWebhookEndpoints',
    method: 'GET',
    path: ENDPOINTS,
    summary: "List an environment's webhook endpoints (never their secrets)",
    access: 'webhooks:view',
    params: EnvParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(WebhookEndpoint) },
  }),
  route({
    operationId: 'createWebhookEndpoint',
    method: 'POST',
    path: ENDPOINTS,
    summary: 'Add a webhook endpoint; the answer shows its signing secret, once',
    access: 'webhooks:manage',
    params: EnvParams,
    body: WebhookEndpointInput,
    response: { status: 201, schema: WebhookEndpointWithSecret },
  }),
  route({
    operationId: 'getWebhookEndpoint',
    method: 'GET',
    path: `${ENDPOINTS}/{endpointId}`,
    summary: 'Get a webhook endpoint',
    access: 'webhooks:view',
    params: EndpointParams,
    response: { status: 200, schema: WebhookEndpoint },
    versioned: true,
  }),
  route({
    operationId: 'updateWebhookEndpoint',
    method: 'PUT',
    path: `${ENDPOINTS}/{endpointId}`,
    summary: 'Replace a webhook endpoint (its secret stays)',
    access: 'webhooks:manage',
    params: EndpointParams,
    body: WebhookEndpointInput,
    response: { status: 200, schema: WebhookEndpoint },
    versioned: true,
  }),
  route({
    operationId: 'deleteWebhookEndpoint',
    method: 'DELETE',
    path: `${ENDPOINTS}/{endpointId}`,
    summary: 'Delete a webhook endpoint no webhook uses',
    access: 'webhooks:manage',
    params: EndpointParams,
    versioned: true,
  }),
  route({
    operationId: 'rotateWebhookEndpointSecret',
    method: 'POST',
    path: `${ENDPOINTS}/{endpointId}/rotate-secret`,
    summary: 'New signing secret, shown once; the previous one still signs during the overlap',
    access: 'webhooks:manage',
    params: EndpointParams,
    body: RotateSecretInput,
    response: { status: 200, schema: WebhookEndpointWithSecret },
  }),
  route({
    operationId: 'testWebhookEndpoint',
    method: 'POST',
    path: `${ENDPOINTS}/{endpointId}/test`,
    summary: 'Send a WebhookTest event to the endpoint now; answers the delivery with its attempt',
    access: 'webhooks:manage',
    params: EndpointParams,
    response: { status: 200, schema: Delivery },
  }),

  route({
    operationId: 'listWebhooks',
    method: 'GET',
    path: WEBHOOKS,
    summary: "List an environment's webhooks",
    access: 'webhooks:view',
    params: EnvParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(Webhook) },
  }),
  route({
    operationId: 'createWebhook',
    method: 'POST',
    path: WEBHOOKS,
    summary: 'Create a webhook: which events go to which endpoints',
    access: 'webhooks:manage',
    params: EnvParams,
    body: WebhookInput,
    response: { status: 201, schema: Webhook },
  }),
  route({
    operationId: 'getWebhook',
    method: 'GET',
    path: `${WEBHOOKS}/{webhookId}`,
    summary: 'Get a webhook',
    access: 'webhooks:view',
    params: WebhookParams,
    response: { status: 200, schema: Webhook },
    versioned: true,
  }),
  route({
    operationId: 'updateWebhook',
    method: 'PUT',
    path: `${WEBHOOKS}/{webhookId}`,
    summary: 'Replace a webhook',
    access: 'webhooks:manage',
    params: WebhookParams,
    body: WebhookInput,
    response: { status: 200, schema: Webhook },
    versioned: true,
  }),
  route({
    operationId: 'deleteWebhook',
    method: 'DELETE',
    path: `${WEBHOOKS}/{webhookId}`,
    summary: 'Delete a webhook',
    access: 'webhooks:manage',
    params: WebhookParams,
    versioned: true,
  }),
  route({
    operationId: 'listWebhookDeliveries',
    method: 'GET',
    path: `${WEBHOOKS}/{webhookId}/deliveries`,
    summary: "A webhook's deliveries with their attempts, newest first",
    access: 'webhooks:view',
    params: WebhookParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(Delivery) },
  }),

  route({
    operationId: 'getWebhookDelivery',
    method: 'GET',
    path: `${DELIVERIES}/{deliveryId}`,
    summary: 'One delivery with its attempts',
    access: 'webhooks:view',
    params: DeliveryParams,
    response: { status: 200, schema: Delivery },
  }),
  route({
    operationId: 'redeliverWebhookDelivery',
    method: 'POST',
    path: `${DELIVERIES}/{deliveryId}/redeliver`,
    summary: 'Deliver again (same delivery id, a fresh round of attempts)',
    access: 'webhooks:manage',
    params: DeliveryParams,
    response: { status: 202, schema: Delivery },
  }),
] as const satisfies readonly RouteDef[];
