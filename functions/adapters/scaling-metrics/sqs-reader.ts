// The `sqs` metric source's reader: a queue's visible messages (ApproximateNumberOfMessages), read
// with the real @aws-sdk/client-sqs at evaluation time — one sample "now" per evaluation. The
// queue is read with the credentials the source names or, on an AWS farm role, the farm role's
// own, opened like a cloud driver's (an assumed role goes through STS). A queue URL is the
// tenant's: one outside AWS's own endpoints is reached only through the egress guard's agents.
// Clients are kept per credentials version and region, so a pass does not start the SDK cold.
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { CloudCredentialsWithSecrets } from '../../domain/schemas/credentials';
import type { MetricSourceReader, SampleRead, ScalingTarget, SourceOf } from '../../ports/scaling-metrics';
import { type AwsCredentials, credentialsProvider } from '../clouds/aws/client';
import type { GuardedAgents } from '../egress/guarded-agents';

export interface SqsReaderDeps {
  /** The environment's credentials with the secret opened (services/credentials.ts openCredentials). */
  openCredentials(target: ScalingTarget, credentialsId: string): Promise<CloudCredentialsWithSecrets>;
  agents: GuardedAgents;
}

const MAX_CACHED = 200;
const AWS_QUEUE_HOST = /^sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/** The region a queue lives in: from an AWS queue URL's host, else the credentials' home. */
function regionOf(queueUrl: URL): string {
  return AWS_QUEUE_HOST.exec(queueUrl.hostname)?.[1] ?? 'us-east-1';
}

export function createSqsReader(deps: SqsReaderDeps): MetricSourceReader<'sqs'> {
  const clients = new Map<string, SQSClient>();
  const clientFor = (credentials: AwsCredentials, queueUrl: URL) => {
    const region = regionOf(queueUrl);
    const onAws = AWS_QUEUE_HOST.test(queueUrl.hostname);
    const key = `${credentials.accountId}/${credentials.id}/${credentials.version}/${region}/${onAws}`;
    let client = clients.get(key);
    if (!client) {
      client = new SQSClient({
        region,
        credentials: credentialsProvider(credentials, { agents: deps.agents }),
        maxAttempts: 2,
        // The SDK sends to the queue URL's own host (useQueueUrlAsEndpoint): guard it unless it is AWS's.
        ...(onAws
          ? {}
          : { requestHandler: { httpAgent: deps.agents.httpAgent, httpsAgent: deps.agents.httpsAgent } }),
      });
      clients.set(key, client);
      if (clients.size > MAX_CACHED) clients.delete(clients.keys().next().value!);
    }
    return client;
  };

  return {
    async readSamples(source: SourceOf<'sqs'>, target, _window, now): Promise<SampleRead> {
      const { farmRole } = target;
      const credentialsId =
        source.credentialsId ?? (farmRole.platform === 'aws' ? farmRole.credentialsId : undefined);
      if (!credentialsId) return { samples: [], missing: 'no AWS credentials named to read the queue with' };
      const credentials = await deps.openCredentials(target, credentialsId);
      if (credentials.platform !== 'aws')
        return {
          samples: [],
          missing: `credentials ${credentialsId} are ${credentials.platform}'s, not AWS's`,
        };
      const queueUrl = new URL(source.queueUrl);
      const out = await clientFor(credentials, queueUrl).send(
        new GetQueueAttributesCommand({
          QueueUrl: source.queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages'],
        }),
      );
      const value = Number(out.Attributes?.ApproximateNumberOfMessages);
      if (!Number.isFinite(value))
        return { samples: [], missing: 'the queue did not say how many messages it holds' };
      return { samples: [{ at: now.getTime(), value }] };
    },
  };
}
