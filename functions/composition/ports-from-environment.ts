// Builds each port from a Lambda's environment, one builder per port, each reading only its own
// variables; every function's composition root (api.ts, reconcile.ts, orchestration.ts,
// agent-channel.ts, webhooks.ts) picks the builders of the ports it uses:
//   TABLE_NAME            store             the DynamoDB table
//   SECRETS_KEY_ID        secrets           the KMS key that seals cloud credentials' secrets
//   AUTH_ISSUER           authenticator     the token issuer (the Cognito user pool URL)
//   AUTH_JWKS_URL                           its JWKS (default: <AUTH_ISSUER>/.well-known/jwks.json)
//   AUTH_AUDIENCE                           optional expected audience
//   EVENT_BUS_NAME        publisher         the `drover` EventBridge bus
//   SCHEDULE_GROUP_NAME, RECONCILE_FUNCTION_ARN, SCHEDULER_ROLE_ARN, RECONCILE_DLQ_ARN (optional)
//                         scheduler         the sweep's entries (TABLE_NAME too) and the look-again
//                                           schedules and what they invoke
//   RECONCILE_QUEUE_URL   dispatch          the queue the sweep hands due farms to (composition/sweep.ts)
//   QUIET_SWEEP_EVERY                       every how many minutes a quiet farm with events is swept (default 5)
//   AGENT_TOKEN_KEY       agentTokens       base64, ≥ 32 bytes: signs the servers' agent tokens
//   CURSOR_KEY            cursorKey         base64, ≥ 32 bytes: signs page cursors (groups with a list)
//   AGENT_API_URL         agentApiUrl       the API URL agents report to (the public API endpoint + /api)
//   AGENT_CHANNEL_ENDPOINT notifier        the agents' WebSocket API management endpoint (unset: poll only)
//   AGENT_CHANNEL_URL     agentChannelUrl   the wss:// URL agents connect to, written into user data
//   AGENT_DOWNLOAD_URL, AGENT_BUNDLE_SHA256
//                         agentDownload     where user data fetches drover-agent (the web origin) and
//                                           the sha256 it must have (both set at synth; unset: from the API, unchecked)
//   USER_POOL_ID          userDirectory     the Cognito user pool users are created in (unset: an
//                                           external issuer whose admins create sign-ins themselves)
//   USER_POOL_CLIENT_ID   signIn            the app client POST /auth/token signs in with (unset:
//                                           sign-in is at the external issuer, the route answers 404)
//   USER_POOL_SIGN_UP_CLIENT_ID
//                         emailVerification the app client (with a secret) self-service sign-up calls SignUp
//                                           with, so Cognito emails a code (unset: sign-ups are usable at once)
//   SIGN_UP               signUpMode        `open` (anyone may POST /accounts) or `operator` (default)
//   OPERATOR_TOKEN_SHA256 operatorTokens    comma-separated hex SHA-256 of the platform operators' tokens
//
// The roots build each port on first use, once per cold start, so a function is only given the
// variables of the ports it uses (infra/constructs/api-group-needs.ts decides per group): the reconcile
// function has no AUTH_ISSUER, the agent group no scheduler.

import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { KMSClient } from '@aws-sdk/client-kms';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { createWebSocketNotifier } from '../adapters/apigateway/websocket-notifier';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { createDynamoStore } from '../adapters/dynamodb/dynamo-store';
import { createSweepRepo } from '../adapters/dynamodb/sweep-repo';
import { createEventBridgePublisher } from '../adapters/eventbridge/eventbridge-publisher';
import { createCognitoEmailVerification } from '../adapters/identity/cognito-email-verification';
import { createCognitoSignIn } from '../adapters/identity/cognito-sign-in';
import { createCognitoUserDirectory } from '../adapters/identity/cognito-user-directory';
import { externalUserDirectory } from '../adapters/identity/external-user-directory';
import { createGooglePushTokens, GOOGLE_JWKS_URL } from '../adapters/identity/google-push-tokens';
import { createHmacAgentTokens } from '../adapters/identity/hmac-agent-tokens';
import { createJwtAuthenticator, jwksFromUrl } from '../adapters/identity/jwt-authenticator';
import { correlatedPublisher } from '../adapters/observability/correlated-publisher';
import { traced } from '../adapters/observability/tracing';
import { createEventBridgeFarmScheduler } from '../adapters/scheduler/eventbridge-farm-scheduler';
import { createKmsSecretBox } from '../adapters/secrets/kms-secret-box';
import { NotFound } from '../domain/errors';
import type { AgentNotifier } from '../ports/agent-notifier';
import type { CloudPushTokens } from '../ports/cloud-push-tokens';
import type { EmailVerification } from '../ports/email-verification';
import type { EventPublisher } from '../ports/event-publisher';
import type { FarmScheduler } from '../ports/farm-scheduler';
import type { FarmSweepEntries } from '../ports/farm-sweep';
import type { AgentTokens, Authenticator } from '../ports/identity';
import type { SecretBox } from '../ports/secret-box';
import type { SignIn } from '../ports/sign-in';
import type { Store } from '../ports/store';
import type { UserDirectory } from '../ports/user-directory';
import type { AgentDownload } from '../services/reconcile/user-data';
import { once } from './lazy-ports';

export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

export function storeFromEnvironment(): Store {
  const tableName = required('TABLE_NAME');
  return createDynamoStore(createDocumentClient({ tableName }), tableName);
}

export function secretBoxFromEnvironment(): SecretBox {
  return createKmsSecretBox(required('SECRETS_KEY_ID'), traced(new KMSClient({})));
}

export function authenticatorFromEnvironment(): Authenticator {
  const issuer = required('AUTH_ISSUER');
  return createJwtAuthenticator({
    issuer,
    audience: process.env.AUTH_AUDIENCE || undefined,
    keys: jwksFromUrl(process.env.AUTH_JWKS_URL || `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`),
  });
}

/**
 * The Pub/Sub push subscription's token check (GCE_PUSH_AUDIENCE, GCE_PUSH_SERVICE_ACCOUNT;
 * GCE_PUSH_JWKS_URL defaults to Google's keys). Unset: no push is accepted.
 */
export function cloudPushTokensFromEnvironment(): CloudPushTokens | undefined {
  const audience = process.env.GCE_PUSH_AUDIENCE;
  const serviceAccountEmail = process.env.GCE_PUSH_SERVICE_ACCOUNT;
  if (!audience || !serviceAccountEmail) return undefined;
  return createGooglePushTokens({
    audience,
    serviceAccountEmail,
    keys: jwksFromUrl(process.env.GCE_PUSH_JWKS_URL || GOOGLE_JWKS_URL),
  });
}

export function publisherFromEnvironment(): EventPublisher {
  return correlatedPublisher(
    createEventBridgePublisher({
      busName: required('EVENT_BUS_NAME'),
      client: traced(new EventBridgeClient({})),
    }),
  );
}

/** The sweep's entries on the table (TABLE_NAME): the scheduler writes them, the sweep reads them. */
export function sweepEntriesFromEnvironment(): FarmSweepEntries {
  const tableName = required('TABLE_NAME');
  return createSweepRepo(createDocumentClient({ tableName }), tableName);
}

export function schedulerFromEnvironment(): FarmScheduler {
  return createEventBridgeFarmScheduler({
    entries: sweepEntriesFromEnvironment(),
    groupName: required('SCHEDULE_GROUP_NAME'),
    targetArn: required('RECONCILE_FUNCTION_ARN'),
    roleArn: required('SCHEDULER_ROLE_ARN'),
    deadLetterArn: process.env.RECONCILE_DLQ_ARN || undefined,
    client: traced(new SchedulerClient({})),
  });
}

export function agentTokensFromEnvironment(): AgentTokens {
  return createHmacAgentTokens(Buffer.from(required('AGENT_TOKEN_KEY'), 'base64'));
}

/** Unset in a group without lists: it never signs or reads a cursor, so the key is never asked for. */
export function cursorKeyFromEnvironment(): Uint8Array {
  return Buffer.from(required('CURSOR_KEY'), 'base64');
}

/** Without AGENT_CHANNEL_ENDPOINT the agents find their tasks by their catch-up poll alone. */
export function agentNotifierFromEnvironment(store: () => Store): AgentNotifier {
  const endpoint = process.env.AGENT_CHANNEL_ENDPOINT;
  if (!endpoint) return { notify: async () => {} };
  const notifier = once(() =>
    createWebSocketNotifier({
      endpoint,
      connections: store().agentConnections,
      client: traced(new ApiGatewayManagementApiClient({ endpoint })),
    }),
  );
  return { notify: (servers) => notifier().notify(servers) };
}

export function userDirectoryFromEnvironment(): UserDirectory {
  const userPoolId = process.env.USER_POOL_ID;
  return userPoolId
    ? createCognitoUserDirectory({ userPoolId, client: traced(new CognitoIdentityProviderClient({})) })
    : externalUserDirectory;
}

const externalSignIn: SignIn = {
  signIn: async () => {
    throw new NotFound('This deployment trusts an external identity provider: sign in there');
  },
  completeNewPassword: async () => {
    throw new NotFound('This deployment trusts an external identity provider: sign in there');
  },
};

export function signInFromEnvironment(): SignIn {
  const clientId = process.env.USER_POOL_CLIENT_ID;
  return clientId
    ? createCognitoSignIn({ clientId, client: traced(new CognitoIdentityProviderClient({})) })
    : externalSignIn;
}

export function emailVerificationFromEnvironment(): EmailVerification | undefined {
  const userPoolId = process.env.USER_POOL_ID;
  const clientId = process.env.USER_POOL_SIGN_UP_CLIENT_ID;
  return userPoolId && clientId
    ? createCognitoEmailVerification({
        userPoolId,
        clientId,
        client: traced(new CognitoIdentityProviderClient({})),
      })
    : undefined;
}

export function agentDownloadFromEnvironment(): AgentDownload | undefined {
  const url = process.env.AGENT_DOWNLOAD_URL;
  const sha256 = process.env.AGENT_BUNDLE_SHA256;
  return url && sha256 ? { url, sha256 } : undefined;
}

export function agentApiUrlFromEnvironment(): string {
  return required('AGENT_API_URL').replace(/\/$/, '');
}
