// Sandbox AWS credentials for the driver tests: both auth types, pointed at an Ec2Sandbox.
import { newId } from '../../../functions/domain/ids';
import type { CloudCredentialsWithSecrets } from '../../../functions/domain/schemas/credentials';

const stored = () => ({
  id: newId('credentials'),
  accountId: newId('account'),
  environmentId: newId('environment'),
  version: 1,
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
  name: 'sandbox',
  description: '',
});

export function accessKeyCredentials(endpoint: string): CloudCredentialsWithSecrets {
  return {
    ...stored(),
    platform: 'aws',
    endpoint,
    auth: { type: 'accessKey', accessKeyId: 'AKIASANDBOX0000TEST', secretAccessKeySet: true },
    secretAccessKey: 'sandbox-secret-access-key',
  };
}

export function assumeRoleCredentials(endpoint: string): CloudCredentialsWithSecrets {
  return {
    ...stored(),
    platform: 'aws',
    endpoint,
    auth: {
      type: 'assumeRole',
      roleArn: 'arn:aws:iam::123456789012:role/DroverAccess',
      externalId: 'drover-ext-42',
    },
  };
}

/** What an assume-role driver signs its STS call with when no default chain exists (tests, local runtime). */
export const SANDBOX_MASTER_CREDENTIALS = {
  accessKeyId: 'AKIASANDBOXMASTER00',
  secretAccessKey: 'sandbox-master-secret',
};
