// Builds the deps of the API and reconcile functions from a Lambda's environment, once per
// cold start:
//   TABLE_NAME            the DynamoDB table
//   SECRETS_KEY_ID        the KMS key that seals cloud credentials' secrets
//   AUTH_ISSUER           the token issuer (the Cognito user pool URL)
//   AUTH_JWKS_URL         its JWKS (default: <AUTH_ISSUER>/.well-known/jwks.json)
//   AUTH_AUDIENCE         optional expected audience
//   EVENT_BUS_NAME        the `drover` EventBridge bus
//   SCHEDULE_GROUP_NAME, RECONCILE_FUNCTION_ARN, SCHEDULER_ROLE_ARN, RECONCILE_DLQ_ARN
//                         the per-farm schedules and what they invoke
//   AGENT_TOKEN_KEY       base64, ≥ 32 bytes: signs the servers' agent tokens
//   AGENT_API_URL         the API URL agents report to (the public API endpoint)
import { createCloudDriver } from '../../adapters/clouds/driver-factory';
import { createDocumentClient } from '../../adapters/dynamodb/client';
import { createDynamoStore } from '../../adapters/dynamodb/dynamo-store';
import { createEventBridgePublisher } from '../../adapters/eventbridge/eventbridge-publisher';
import { createHmacAgentTokens } from '../../adapters/identity/hmac-agent-tokens';
import { createJwtAuthenticator, jwksFromUrl } from '../../adapters/identity/jwt-authenticator';
import { createEventBridgeFarmScheduler } from '../../adapters/scheduler/eventbridge-farm-scheduler';
import { createKmsSecretBox } from '../../adapters/secrets/kms-secret-box';
import { systemClock } from '../../ports/clock';
import type { ReconcileDeps } from '../../services/reconcile/deps';
import { type ApiDeps, createLogger } from './deps';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

export function fromEnvironment(): ApiDeps & ReconcileDeps {
  const tableName = required('TABLE_NAME');
  const issuer = required('AUTH_ISSUER');
  return {
    store: createDynamoStore(createDocumentClient({ tableName }), tableName),
    secrets: createKmsSecretBox(required('SECRETS_KEY_ID')),
    authenticator: createJwtAuthenticator({
      issuer,
      audience: process.env.AUTH_AUDIENCE || undefined,
      keys: jwksFromUrl(process.env.AUTH_JWKS_URL || `${issuer}/.well-known/jwks.json`),
    }),
    clock: systemClock,
    drivers: createCloudDriver,
    logger: createLogger(),
    publisher: createEventBridgePublisher({ busName: required('EVENT_BUS_NAME') }),
    scheduler: createEventBridgeFarmScheduler({
      groupName: required('SCHEDULE_GROUP_NAME'),
      targetArn: required('RECONCILE_FUNCTION_ARN'),
      roleArn: required('SCHEDULER_ROLE_ARN'),
      deadLetterArn: process.env.RECONCILE_DLQ_ARN || undefined,
    }),
    agentTokens: createHmacAgentTokens(Buffer.from(required('AGENT_TOKEN_KEY'), 'base64')),
    agentApiUrl: required('AGENT_API_URL'),
  };
}
