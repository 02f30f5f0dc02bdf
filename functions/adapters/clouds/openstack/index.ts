// The OpenStack cloud driver: `createOpenStackDriver(connection)` on Drover's own client.
import type { Agent } from 'node:http';
import { nodeTransport, type OpenStackAuth, OpenStackClient } from './client';
import type { EndpointInterface } from './client/keystone';
import { OpenStackCloudDriver, type OpenStackDriverOptions } from './driver';

/** How to reach one OpenStack cloud (the credentials' fields, secrets opened). */
export interface OpenStackConnection {
  authUrl: string;
  auth: OpenStackAuth;
  interface?: EndpointInterface;
  /** PEM certificates of a private PKI, trusted for this cloud only. */
  caBundle?: string;
}

export interface CreateOpenStackDriverOptions extends OpenStackDriverOptions {
  /** The egress guard's agents (driver-factory.ts): every connection to the tenant's URL is checked. */
  agents?: { agentFor(url: URL | string): Agent };
  /** Refresh the token this long before it expires (default 5 minutes). */
  tokenRefreshMarginMs?: number;
}

export function createOpenStackDriver(
  connection: OpenStackConnection,
  options: CreateOpenStackDriverOptions = {},
): OpenStackCloudDriver {
  const { agents } = options;
  const client = new OpenStackClient({
    authUrl: connection.authUrl,
    auth: connection.auth,
    ...(connection.interface ? { interface: connection.interface } : {}),
    ...(agents || connection.caBundle
      ? {
          transport: nodeTransport({
            ...(agents ? { agentFor: (url: URL) => agents.agentFor(url) } : {}),
            ...(connection.caBundle ? { caBundle: connection.caBundle } : {}),
          }),
        }
      : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.tokenRefreshMarginMs !== undefined
      ? { tokenRefreshMarginMs: options.tokenRefreshMarginMs }
      : {}),
  });
  return new OpenStackCloudDriver(client, options);
}

export { OpenStackCloudDriver } from './driver';
