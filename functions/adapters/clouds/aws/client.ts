// EC2 clients for one set of cloud credentials, one per region (SigV4 scopes are per region).
// Static access keys are used as they are; an assumed role goes through STS with the external
// id, the STS client pointed at the same endpoint override as EC2 (how the sandbox serves both).
// With an endpoint override (a URL the tenant set) both clients connect through the egress guard's
// agents (the driver factory always gives them): the endpoint is checked at every new connection.
import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { CloudCredentialsWithSecrets } from '../../../domain/schemas/credentials';
import { CloudError } from '../../../ports/cloud-driver';
import type { GuardedAgents } from '../../egress/guarded-agents';
import { traced } from '../../observability/tracing';

export type AwsCredentials = Extract<CloudCredentialsWithSecrets, { platform: 'aws' }>;
type CredentialsSource = NonNullable<EC2ClientConfig['credentials']>;
type AwsCredentialIdentity = Awaited<ReturnType<AwsCredentialIdentityProvider>>;
type AwsCredentialIdentityProvider = () => Promise<{
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}>;

export interface AwsClientOptions {
  /** SDK attempts per call (adaptive retry mode); 1 disables retries, as the fault-mapping tests need. */
  maxAttempts?: number;
  /** Credentials used to call STS AssumeRole (default: the SDK's default chain, e.g. the Lambda's role). */
  masterCredentials?: Parameters<typeof fromTemporaryCredentials>[0]['masterCredentials'];
  /**
   * SDK retry mode. 'adaptive' (default) also rate-limits the client after throttling, which
   * protects the account's API budget but slows a heavily throttled caller right down.
   */
  retryMode?: 'adaptive' | 'standard';
  /** Session name recorded in CloudTrail for assumed-role calls. */
  roleSessionName?: string;
  /** The egress guard's agents every EC2 and STS connection goes through. */
  agents?: GuardedAgents;
}

/**
 * The SDK's NodeHttpHandler options on the guarded agents (an options object is accepted as
 * requestHandler), for an endpoint the tenant set. AWS's own endpoints are not the tenant's to
 * point, and may resolve to private addresses (VPC interface endpoints): the SDK's default handler.
 */
function requestHandler(credentials: AwsCredentials, options: AwsClientOptions) {
  const agents = options.agents;
  return agents && credentials.endpoint
    ? { requestHandler: { httpAgent: agents.httpAgent, httpsAgent: agents.httpsAgent } }
    : {};
}

export const DEFAULT_MAX_ATTEMPTS = 5;

export function credentialsProvider(
  credentials: AwsCredentials,
  options: AwsClientOptions,
): CredentialsSource {
  const { auth } = credentials;
  if (auth.type === 'accessKey') {
    if (!credentials.secretAccessKey) {
      throw new CloudError('AuthError', `credentials ${credentials.id} have no secret access key`, {
        platform: 'aws',
      });
    }
    return { accessKeyId: auth.accessKeyId, secretAccessKey: credentials.secretAccessKey };
  }
  return shareSession(
    fromTemporaryCredentials({
      params: {
        RoleArn: auth.roleArn,
        ExternalId: auth.externalId,
        RoleSessionName: options.roleSessionName ?? `drover-${credentials.environmentId}`.slice(0, 64),
        DurationSeconds: 3600,
      },
      ...(options.masterCredentials ? { masterCredentials: options.masterCredentials } : {}),
      clientConfig: {
        region: 'us-east-1',
        maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        ...(credentials.endpoint ? { endpoint: credentials.endpoint } : {}),
        ...requestHandler(credentials, options),
      },
    }),
  );
}

/** Refresh assumed-role credentials this long before they expire. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * Each EC2Client caches credentials on its own; sharing one session across the per-region
 * clients keeps AssumeRole to one call per hour per credentials, not one per region.
 */
function shareSession(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let session: Promise<AwsCredentialIdentity> | null = null;
  return async () => {
    const current = session;
    if (current) {
      const identity = await current.catch(() => null);
      const expiresAt = identity?.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
      if (identity && expiresAt - Date.now() > REFRESH_BEFORE_EXPIRY_MS) return identity;
      if (session === current) session = null;
    }
    session ??= provider();
    return session;
  };
}

/** One EC2Client per region, sharing one credentials provider (so one AssumeRole serves every region). */
export class Ec2Clients {
  private readonly clients = new Map<string, EC2Client>();
  private readonly provider: CredentialsSource;

  constructor(
    private readonly credentials: AwsCredentials,
    private readonly options: AwsClientOptions,
  ) {
    this.provider = credentialsProvider(credentials, options);
  }

  forRegion(region: string): EC2Client {
    let client = this.clients.get(region);
    if (!client) {
      client = new EC2Client({
        region,
        credentials: this.provider,
        retryMode: this.options.retryMode ?? 'adaptive',
        maxAttempts: this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        ...(this.credentials.endpoint ? { endpoint: this.credentials.endpoint } : {}),
        ...requestHandler(this.credentials, this.options),
      });
      // X-Ray subsegments per EC2 call in Lambda; tracing is off elsewhere.
      client = traced(client);
      this.clients.set(region, client);
    }
    return client;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
