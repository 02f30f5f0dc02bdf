// Valid inputs for every resource, so tests change one field at a time.
import { generateKeyPairSync } from 'node:crypto';

export const awsAccessKeyCredentials = (endpoint?: string) => ({
  platform: 'aws',
  name: 'aws-keys',
  auth: {
    type: 'accessKey',
    accessKeyId: 'AKIAEXAMPLE000000001',
    secretAccessKey: 'super-secret-access-key-value-0001',
  },
  ...(endpoint ? { endpoint } : {}),
});

export const awsAssumeRoleCredentials = () => ({
  platform: 'aws',
  name: 'aws-role',
  auth: { type: 'assumeRole', roleArn: 'arn:aws:iam::123456789012:role/drover', externalId: 'drover-ext-1' },
});

let pem: string | undefined;
export const gceCredentials = (endpoint?: string) => {
  pem ??= generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  return {
    platform: 'gce',
    name: 'gce-sa',
    projectId: 'drover-test-1',
    serviceAccountKey: {
      type: 'service_account',
      project_id: 'drover-test-1',
      private_key_id: 'k1',
      private_key: pem,
      client_email: 'drover@drover-test-1.iam.gserviceaccount.com',
    },
    ...(endpoint ? { endpoint } : {}),
  };
};

export const role = (environmentId: string | null = null) => ({
  name: 'base',
  environmentId,
  osFamily: 'linux',
  images: [
    { platform: 'aws', location: 'us-east-1', imageId: 'ami-0123456789abcdef0' },
    { platform: 'gce', location: '*', imageId: 'projects/debian-cloud/global/images/family/debian-12' },
  ],
});

export const awsFarmRole = (
  roleId: string,
  credentialsId: string,
  overrides: Record<string, unknown> = {},
) => ({
  platform: 'aws',
  roleId,
  alias: 'web',
  credentialsId,
  region: 'us-east-1',
  zones: ['us-east-1a'],
  instanceType: 't3.small',
  minInstances: 1,
  maxInstances: 2,
  ...overrides,
});

export const farm = (name: string, farmRoles: unknown[] = []) => ({
  name,
  description: 'test farm',
  farmRoles,
});
