// What every Drover Lambda gets at its edge, in one place (Powertools' way: middlewares, config
// read once at module load): X-Ray tracing of the invocation (captureLambdaHandler), the Lambda
// context on every log line (injectLambdaContext), the invocation's EMF metrics written when it
// ends, and the correlation id the event carries made current for the whole invocation.
// Handlers stay plain functions: each entry module wraps its export with `atLambdaEdge`.
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { correlationIdOfEvent, withCorrelationId } from '../adapters/observability/correlation-context';
import { createPowertoolsMetrics, operationsMetricsOf } from '../adapters/observability/powertools-metrics';
import { tracer } from '../adapters/observability/tracing';

/** The function's metrics buffer: one per process, flushed at the end of each invocation. */
export const lambdaMetrics = createPowertoolsMetrics();
export const lambdaOperationsMetrics = operationsMetricsOf(lambdaMetrics);

/**
 * Writes the buffered metrics when the invocation ends, if there are any. Powertools' own
 * logMetrics warns on every invocation that counted nothing (most orchestration and API calls).
 */
export function publishMetrics(metrics: Metrics): MiddlewareObj {
  const publish = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
}

export interface LambdaEdgeOptions<E> {
  logger: Logger;
  /** The id the event carries (default: a Drover event's or queued message's `correlationId`). */
  correlationIdOf?: (event: E, context: Context) => string | undefined;
  metrics?: Metrics;
}

export function atLambdaEdge<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
  options: LambdaEdgeOptions<E>,
): (event: E, context: Context) => Promise<R> {
  const correlationIdOf =
    options.correlationIdOf ??
    ((event: E, context: Context) => correlationIdOfEvent(event) ?? context?.awsRequestId);
  const wrapped = middy<E, R, Error, Context>(handler)
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(options.logger))
    .use(publishMetrics(options.metrics ?? lambdaMetrics) as MiddlewareObj<E, R, Error, Context>);
  return (event, context) =>
    withCorrelationId(correlationIdOf(event, context), () => wrapped(event, context));
}
