// The OpenStack cloud driver: `createOpenStackDriver(connection)` on Drover's own client.
import type { Agent } from 'node:http';
import type { CloudCredentialsWithSecrets } from '../../../domain/schemas/credentials';
import { CloudError } from '../../../ports/cloud-driver';
import { nodeTransport } from '../node-transport';
import { type OpenStackAuth, OpenStackClient } from './client';
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

/** The CloudDriverFactory's entry for `platform: 'openstack'`: the credentials, secret opened, as a connection. */
export function createOpenStackDriverFor(
  credentials: CloudCredentialsWithSecrets,
  options: CreateOpenStackDriverOptions = {},
): OpenStackCloudDriver {
  if (credentials.platform !== 'openstack')
    throw new CloudError(
      'InvalidSpec',
      `credentials ${credentials.id} are for ${credentials.platform}, not openstack`,
    );
  const { auth } = credentials;
  return createOpenStackDriver(
    {
      authUrl: credentials.authUrl,
      auth:
        auth.type === 'password'
          ? {
              type: 'password',
              username: auth.username,
              password: credentials.secret,
              userDomain: auth.userDomain,
              projectName: auth.projectName,
              projectDomain: auth.projectDomain,
            }
          : { type: 'applicationCredential', id: auth.applicationCredentialId, secret: credentials.secret },
      ...(credentials.caBundle ? { caBundle: credentials.caBundle } : {}),
    },
    options,
  );
}

export { OpenStackCloudDriver } from './driver';
