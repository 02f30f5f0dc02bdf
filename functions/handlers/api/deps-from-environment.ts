// Builds ApiDeps from a Lambda's environment, once per cold start:
//   TABLE_NAME       the DynamoDB table
//   SECRETS_KEY_ID   the KMS key that seals cloud credentials' secrets
//   AUTH_ISSUER      the token issuer (the Cognito user pool URL)
//   AUTH_JWKS_URL    its JWKS (default: <AUTH_ISSUER>/.well-known/jwks.json)
//   AUTH_AUDIENCE    optional expected audience

import { createCloudDriver } from '../../adapters/clouds/driver-factory';
import { createDocumentClient } from '../../adapters/dynamodb/client';
import { createDynamoStore } from '../../adapters/dynamodb/dynamo-store';
import { createJwtAuthenticator, jwksFromUrl } from '../../adapters/identity/jwt-authenticator';
import { createKmsSecretBox } from '../../adapters/secrets/kms-secret-box';
import { systemClock } from '../../ports/clock';
import { type ApiDeps, createLogger } from './deps';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

export function fromEnvironment(): ApiDeps {
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
  };
}
