// The DynamoDB document client, configured once. An endpoint is given in the local
// runtime and tests (dynalite); in Lambda the SDK's defaults apply.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from '../observability/tracing';

export interface DynamoConfig {
  tableName: string;
  endpoint?: string;
  region?: string;
}

export function createDocumentClient(config: DynamoConfig): DynamoDBDocumentClient {
  // X-Ray subsegments per call in Lambda; tracing is off elsewhere.
  const client = traced(
    new DynamoDBClient({
      region: config.region ?? process.env.AWS_REGION ?? 'us-east-1',
      ...(config.endpoint
        ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
    }),
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}
