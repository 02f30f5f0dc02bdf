// The Powertools logger of a function, one per service name, so the Lambda edge
// (injectLambdaContext) and the ports log through the same instance; every line carries the
// current correlation id (correlated-log-formatter.ts).
import { Logger } from '@aws-lambda-powertools/logger';
import { CorrelatedLogFormatter } from './correlated-log-formatter';

const loggers = new Map<string, Logger>();

export function createLogger(serviceName = 'drover-api'): Logger {
  let logger = loggers.get(serviceName);
  if (!logger) {
    logger = new Logger({
      serviceName,
      logLevel: (process.env.POWERTOOLS_LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
      logFormatter: new CorrelatedLogFormatter(),
    });
    loggers.set(serviceName, logger);
  }
  return logger;
}
