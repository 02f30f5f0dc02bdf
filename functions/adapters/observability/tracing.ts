// The X-Ray tracer of every Drover function, created once at module load. Powertools turns it
// off by itself outside Lambda (no AWS_EXECUTION_ENV: the local runtime, the tests) and under
// POWERTOOLS_TRACE_ENABLED=false, so the same code paths run everywhere.
import { Tracer } from '@aws-lambda-powertools/tracer';

export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'drover' });

/** Records the AWS SDK v3 client's calls as X-Ray subsegments (a no-op when tracing is off). */
export function traced<T>(client: T): T {
  return tracer.captureAWSv3Client(client);
}
