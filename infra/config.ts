// The deployment's settings, read once from CDK context (`-c key=value` or cdk.json) and
// environment variables, so every construct receives plain typed values and no construct
// reads context itself.
import { fileURLToPath } from 'node:url';
import type { Node } from 'constructs';
import { parseNetwork } from '../functions/services/egress/networks';

export interface DroverConfig {
  /** `dev`, `staging`, `prod`…; undefined for the unnamed default deployment. */
  stage: string | undefined;
  /** true for the `prod` stage: data is retained and protected from deletion. */
  isProd: boolean;
  stackName: string;
  account: string | undefined;
  region: string | undefined;
  eventBusName: string;
  scheduleGroupName: string;
  /** The token issuer the API trusts; the JWKS URL defaults to `<issuer>/.well-known/jwks.json`. */
  authIssuer: string | undefined;
  authJwksUrl: string | undefined;
  authAudience: string | undefined;
  /** A custom domain for the portal; needs `certificateArn` (an ACM certificate in us-east-1). */
  portalDomain: string | undefined;
  certificateArn: string | undefined;
  /** Extra browser origins allowed to call the API directly (CORS), e.g. a portal on another host. */
  corsOrigins: string[];
  /** A WAFv2 web ACL (scope CLOUDFRONT) to attach to the distribution. */
  webAclArn: string | undefined;
  logRetentionDays: number;
  /** `customer-managed` gives the table its own KMS key. */
  tableEncryption: 'aws-managed' | 'customer-managed';
  /** Path of the static portal export, relative to the repository root. */
  portalAssetsPath: string;
  /** The URL agents report to; undefined: the HTTP API's own endpoint + `/api`. */
  agentApiUrl: string | undefined;
  /** Bumped after a new agent token key is put in its secret, so the functions pick it up. */
  agentTokenKeyVersion: string;
  /** Who may create accounts (POST /api/v1/accounts): anyone (`open`) or only a platform operator (default). */
  signUp: 'open' | 'operator';
  /** SHA-256 (hex) of each platform operator token; none: no operator can act. */
  operatorTokenSha256: string[];
  /**
   * Networks tenants may reach although not public (`-c egressAllow=10.20.0.0/16,fd00:1::/32`): a
   * customer's private cloud over a VPN. Every function gets it as DROVER_EGRESS_ALLOW; hosted
   * mode is always on in AWS.
   */
  egressAllow: string[];
  /** Subscribed to the alarm topic when set (`-c alarmEmail=ops@example.com`). */
  alarmEmail: string | undefined;
  /** A farm degraded for longer than this many minutes raises the FarmDegraded alarm (default 15). */
  degradedFarmMinutes: number;
  /**
   * GCE's event path (infra/README.md "GCE events"): the service account the Pub/Sub push
   * subscription signs as and the audience it names (`-c gcePushServiceAccount=… -c
   * gcePushAudience=…`); unset: the cloud-events route refuses every push. `gcePushJwksUrl`
   * overrides Google's keys (tests).
   */
  gcePush: { serviceAccountEmail: string; audience: string; jwksUrl: string | undefined } | undefined;
}

function text(node: Node, key: string, envVar?: string): string | undefined {
  const fromContext = node.tryGetContext(key);
  const value = fromContext ?? (envVar ? process.env[envVar] : undefined);
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

function list(node: Node, key: string): string[] {
  const value = node.tryGetContext(key);
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value !== '') return value.split(',').map((s) => s.trim());
  return [];
}

export function readConfig(node: Node): DroverConfig {
  const stage = text(node, 'stage', 'DROVER_STAGE');
  if (stage !== undefined && !/^[a-z][a-z0-9-]{0,20}$/.test(stage)) {
    throw new Error(`context stage=${stage}: use lower-case letters, digits and dashes (at most 21)`);
  }
  // Named stages get suffixed resource names so several stages can share one account.
  const suffix = stage ? `-${stage}` : '';
  const portalDomain = text(node, 'portalDomain', 'DROVER_PORTAL_DOMAIN');
  const certificateArn = text(node, 'certificateArn', 'DROVER_CERTIFICATE_ARN');
  if (portalDomain && !certificateArn) {
    throw new Error('context portalDomain needs certificateArn (an ACM certificate in us-east-1)');
  }
  const retention = Number(text(node, 'logRetentionDays') ?? 30);
  const tableEncryption = text(node, 'tableEncryption') ?? 'aws-managed';
  if (tableEncryption !== 'aws-managed' && tableEncryption !== 'customer-managed') {
    throw new Error(`context tableEncryption=${tableEncryption}: use aws-managed or customer-managed`);
  }
  const signUp = text(node, 'signUp', 'DROVER_SIGN_UP') ?? 'operator';
  if (signUp !== 'open' && signUp !== 'operator') {
    throw new Error(`context signUp=${signUp}: use open or operator`);
  }
  const operatorTokenSha256 = list(node, 'operatorTokenSha256');
  const badHash = operatorTokenSha256.find((h) => !/^[0-9a-f]{64}$/.test(h));
  if (badHash) throw new Error(`context operatorTokenSha256: ${badHash} is not a hex SHA-256`);
  const egressAllow = list(node, 'egressAllow').filter(Boolean);
  for (const cidr of egressAllow) {
    try {
      parseNetwork(cidr);
    } catch (err) {
      throw new Error(`context egressAllow: ${(err as Error).message}`);
    }
  }
  const gcePushServiceAccount = text(node, 'gcePushServiceAccount', 'DROVER_GCE_PUSH_SERVICE_ACCOUNT');
  const gcePushAudience = text(node, 'gcePushAudience', 'DROVER_GCE_PUSH_AUDIENCE');
  if (Boolean(gcePushServiceAccount) !== Boolean(gcePushAudience))
    throw new Error('context gcePushServiceAccount and gcePushAudience go together');
  return {
    stage,
    isProd: stage === 'prod',
    gcePush:
      gcePushServiceAccount && gcePushAudience
        ? {
            serviceAccountEmail: gcePushServiceAccount,
            audience: gcePushAudience,
            jwksUrl: text(node, 'gcePushJwksUrl'),
          }
        : undefined,
    egressAllow,
    signUp,
    operatorTokenSha256,
    stackName: `Drover${suffix}`,
    account: text(node, 'account', 'CDK_DEFAULT_ACCOUNT'),
    region: text(node, 'region', 'CDK_DEFAULT_REGION'),
    eventBusName: text(node, 'eventBusName') ?? `drover${suffix}`,
    scheduleGroupName: text(node, 'scheduleGroupName') ?? `drover-farms${suffix}`,
    authIssuer: text(node, 'authIssuer', 'AUTH_ISSUER'),
    authJwksUrl: text(node, 'authJwksUrl', 'AUTH_JWKS_URL'),
    authAudience: text(node, 'authAudience', 'AUTH_AUDIENCE'),
    portalDomain,
    certificateArn,
    corsOrigins: list(node, 'corsOrigins'),
    webAclArn: text(node, 'webAclArn'),
    logRetentionDays: Number.isFinite(retention) ? retention : 30,
    tableEncryption,
    portalAssetsPath: text(node, 'portalAssetsPath') ?? 'frontend/out',
    agentApiUrl: text(node, 'agentApiUrl'),
    agentTokenKeyVersion: text(node, 'agentTokenKeyVersion') ?? '1',
    alarmEmail: text(node, 'alarmEmail', 'DROVER_ALARM_EMAIL'),
    degradedFarmMinutes: positiveNumber(text(node, 'degradedFarmMinutes'), 15, 'degradedFarmMinutes'),
  };
}

function positiveNumber(value: string | undefined, fallback: number, key: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`context ${key}=${value}: use a whole number ≥ 1`);
  return number;
}

/** The repository root: handler entries and the portal export are resolved from here. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
