// Runs a synthesized Lambda bundle as the Lambda Node.js runtime does: a fresh process imports
// the bundle's index.mjs (its directory is the working directory, with no node_modules in
// reach), then calls `handler(event, context)` for each invocation in turn, as one warm
// instance would. Stdout and stderr are the function's log; the outcome goes to a JSON file.
// Usage: node invoke-bundle.mjs <bundle/index.mjs> <invocations.json> <outcome.json>

import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, invocationsFile, outcomeFile] = process.argv.slice(2);
const describe = (error) =>
  error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error);
const finish = (outcome) => {
  writeFileSync(outcomeFile, JSON.stringify(outcome));
  // Lambda freezes the instance after the last invocation; open sockets must not keep us alive.
  process.exit(0);
};

const started = performance.now();
let handler;
try {
  ({ handler } = await import(pathToFileURL(bundle).href));
} catch (error) {
  finish({ importError: describe(error) });
}
const importMs = performance.now() - started;

const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'drover-function';
const results = [];
for (const { event, remainingMs } of JSON.parse(readFileSync(invocationsFile, 'utf8'))) {
  const deadline = Date.now() + remainingMs;
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    results.push({ ok: true, value: (await handler(event, context)) ?? null });
  } catch (error) {
    results.push({ ok: false, error: describe(error) });
  }
}
finish({ importMs, results });
