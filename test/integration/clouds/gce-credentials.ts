// Sandbox GCE credentials for the driver tests and benchmarks: a project id and a real
// service-account key minted for the GceSandbox, with the sandbox as endpoint.
import { newId } from '../../../functions/domain/ids';
import type {
  CloudCredentialsWithSecrets,
  GceServiceAccountKey,
} from '../../../functions/domain/schemas/credentials';
import { sandboxServiceAccountKey } from '../../../sandbox/gce';

export const SANDBOX_PROJECT = 'drover-sandbox';

export function gceSandboxCredentials(
  endpoint: string,
  key: GceServiceAccountKey = sandboxServiceAccountKey(endpoint, SANDBOX_PROJECT),
): CloudCredentialsWithSecrets {
  const now = new Date().toISOString();
  return {
    platform: 'gce',
    id: newId('credentials'),
    accountId: newId('account'),
    environmentId: newId('environment'),
    name: 'sandbox',
    description: '',
    projectId: SANDBOX_PROJECT,
    clientEmail: key.client_email,
    serviceAccountKeySet: true,
    endpoint,
    version: 1,
    createdAt: now,
    updatedAt: now,
    serviceAccountKey: key,
  };
}
