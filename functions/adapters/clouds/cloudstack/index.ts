// The CloudStack cloud driver: `createCloudStackDriver(connection)` on Drover's own client.
import type { Agent } from 'node:http';
import type { CloudCredentialsWithSecrets } from '../../../domain/schemas/credentials';
import { CloudError } from '../../../ports/cloud-driver';
import { nodeTransport } from '../node-transport';
import { CloudStackClient } from './client/client';
import { CloudStackCloudDriver, type CloudStackDriverOptions } from './driver';

/** How to reach one CloudStack cloud (the credentials' fields, the secret opened). */
export interface CloudStackConnection {
  /** The API URL, `https://cloud.example.com/client/api`. */
  endpoint: string;
  apiKey: string;
  secretKey: string;
}

export interface CreateCloudStackDriverOptions extends CloudStackDriverOptions {
  /** The egress guard's agents (driver-factory.ts): every connection to the tenant's URL is checked. */
  agents?: { agentFor(url: URL | string): Agent };
  /** Pauses between polls of an async job (tests shorten them). */
  pollMs?: { first: number; max: number };
}

export function createCloudStackDriver(
  connection: CloudStackConnection,
  options: CreateCloudStackDriverOptions = {},
): CloudStackCloudDriver {
  const { agents } = options;
  const client = new CloudStackClient({
    ...connection,
    ...(agents ? { transport: nodeTransport({ agentFor: (url: URL) => agents.agentFor(url) }) } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
  });
  return new CloudStackCloudDriver(client, options);
}

/** The driver for stored credentials with the secret key opened, as driver-factory.ts loads it. */
export function createCloudStackDriverFor(
  credentials: CloudCredentialsWithSecrets,
  options: CreateCloudStackDriverOptions = {},
): CloudStackCloudDriver {
  if (credentials.platform !== 'cloudstack')
    throw new CloudError(
      'InvalidSpec',
      `credentials ${credentials.id} are for ${credentials.platform}, not cloudstack`,
    );
  return createCloudStackDriver(
    { endpoint: credentials.endpoint, apiKey: credentials.apiKey, secretKey: credentials.secretKey },
    options,
  );
}

export { CloudStackCloudDriver } from './driver';
