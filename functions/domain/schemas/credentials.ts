// Cloud credentials: how Drover reaches one cloud platform for an environment.
// Secret parts (an AWS secret access key, a GCE service-account private key) are write-only:
// they are sealed by the SecretBox before storage and never appear in any API response.
import { z } from 'zod';
import { CloudStackCredentialsInput, CloudStackCredentialsView } from './cloudstack-credentials';
import { Description, idOf, Name, Platform, Versioned } from './common';

/** An endpoint override (the sandbox clouds, a VPC endpoint, a proxy). */
export const Endpoint = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });

export const AwsAssumeRole = z
  .object({
    type: z.literal('assumeRole'),
    roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'must be an IAM role ARN'),
    externalId: z
      .string()
      .min(2)
      .max(1224)
      .regex(/^[\w+=,.@:/-]+$/, 'invalid characters'),
  })
  .strict();

export const AwsAccessKey = z
  .object({
    type: z.literal('accessKey'),
    accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'must be an access key id'),
    secretAccessKey: z.string().min(16).max(256),
  })
  .strict();

export const AwsCredentialsInput = z
  .object({
    platform: z.literal('aws'),
    name: Name,
    description: Description,
    auth: z.discriminatedUnion('type', [AwsAssumeRole, AwsAccessKey]),
    endpoint: Endpoint.optional(),
  })
  .strict();

/** The JSON key file of a Google service account (the fields Drover uses). */
export const GceServiceAccountKey = z
  .object({
    type: z.literal('service_account'),
    project_id: z.string().min(1).optional(),
    private_key_id: z.string().min(1).optional(),
    private_key: z.string().includes('PRIVATE KEY', { message: 'must be a PEM private key' }),
    client_email: z.email(),
    token_uri: z.url().optional(),
  })
  .passthrough();

export const GceCredentialsInput = z
  .object({
    platform: z.literal('gce'),
    name: Name,
    description: Description,
    projectId: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'must be a GCP project id'),
    serviceAccountKey: GceServiceAccountKey,
    endpoint: Endpoint.optional(),
  })
  .strict();

/** A Keystone user's password (write-only); domains are `Default` unless said. */
export const OpenStackPasswordAuth = z
  .object({
    type: z.literal('password'),
    username: z.string().min(1).max(255),
    password: z.string().min(1).max(4096),
    userDomain: z.string().min(1).max(255).default('Default'),
    projectName: z.string().min(1).max(64),
    projectDomain: z.string().min(1).max(255).default('Default'),
  })
  .strict();

/** A Keystone application credential (bound to its project; the secret is write-only). */
export const OpenStackApplicationCredential = z
  .object({
    type: z.literal('applicationCredential'),
    applicationCredentialId: z
      .string()
      .regex(/^[0-9a-zA-Z_-]{1,64}$/, 'must be an application credential id'),
    applicationCredentialSecret: z.string().min(1).max(4096),
  })
  .strict();

export const OpenStackCredentialsInput = z
  .object({
    platform: z.literal('openstack'),
    name: Name,
    description: Description,
    /** Keystone's v3 URL; a private cloud's is reached through the operator's egress allow-list in hosted mode. */
    authUrl: Endpoint,
    /** The region Drover uses unless a farm role names another. */
    region: z.string().regex(/^[\w.-]{1,64}$/, 'must be a region name'),
    auth: z.discriminatedUnion('type', [OpenStackPasswordAuth, OpenStackApplicationCredential]),
    /** PEM certificates of the cloud's private PKI, trusted for this cloud only. */
    caBundle: z
      .string()
      .max(65_536)
      .includes('-----BEGIN CERTIFICATE-----', { message: 'must hold PEM certificates' })
      .optional(),
  })
  .strict();

/** Where the credentials reach their cloud when it is not the platform's own API: the endpoint override, or OpenStack's auth URL. */
export function endpointOf(c: { platform: string; endpoint?: string; authUrl?: string }): string | undefined {
  return c.platform === 'openstack' ? c.authUrl : c.endpoint;
}

export const CloudCredentialsInput = z
  .discriminatedUnion('platform', [
    AwsCredentialsInput,
    GceCredentialsInput,
    OpenStackCredentialsInput,
    CloudStackCredentialsInput,
  ])
  .meta({ id: 'CloudCredentialsInput' });
export type CloudCredentialsInput = z.infer<typeof CloudCredentialsInput>;

const Stored = z
  .object({ id: idOf('credentials'), accountId: idOf('account'), environmentId: idOf('environment') })
  .extend(Versioned.shape);

/** What the API returns: never a secret. */
export const CloudCredentials = z
  .discriminatedUnion('platform', [
    AwsCredentialsInput.omit({ auth: true })
      .extend({
        auth: z.discriminatedUnion('type', [
          AwsAssumeRole,
          AwsAccessKey.omit({ secretAccessKey: true }).extend({ secretAccessKeySet: z.literal(true) }),
        ]),
      })
      .extend(Stored.shape),
    GceCredentialsInput.omit({ serviceAccountKey: true })
      .extend({ clientEmail: z.string(), serviceAccountKeySet: z.literal(true) })
      .extend(Stored.shape),
    OpenStackCredentialsInput.omit({ auth: true })
      .extend({
        auth: z.discriminatedUnion('type', [
          OpenStackPasswordAuth.omit({ password: true }).extend({ passwordSet: z.literal(true) }),
          OpenStackApplicationCredential.omit({ applicationCredentialSecret: true }).extend({
            applicationCredentialSecretSet: z.literal(true),
          }),
        ]),
      })
      .extend(Stored.shape),
    CloudStackCredentialsView.extend(Stored.shape),
  ])
  .meta({ id: 'CloudCredentials' });
export type CloudCredentials = z.infer<typeof CloudCredentials>;

/** Credentials with their secrets opened: only cloud drivers see this. */
export type CloudCredentialsWithSecrets = CloudCredentials &
  (
    | { platform: 'aws'; secretAccessKey?: string }
    | { platform: 'gce'; serviceAccountKey: GceServiceAccountKey }
    /** The password or the application credential's secret, whichever `auth.type` names. */
    | { platform: 'openstack'; secret: string }
    | { platform: 'cloudstack'; secretKey: string }
  );
export type GceServiceAccountKey = z.infer<typeof GceServiceAccountKey>;

export const ConnectionTestResult = z
  .object({
    ok: z.boolean(),
    platform: Platform,
    message: z.string(),
    regions: z.array(z.string()).optional(),
    latencyMs: z.number(),
  })
  .meta({ id: 'ConnectionTestResult' });
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;
