// Builds the Lambda handler of one route group: middy with the same middlewares for every
// group — problem details (outermost), route resolution, authentication, validation — around
// a dispatch to the group's operations.
import { randomBytes } from 'node:crypto';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import {
  correlationIdOfRequest,
  currentCorrelationId,
  withCorrelationId,
} from '../../adapters/observability/correlation-context';
import { createLogger } from '../../adapters/observability/logger';
import { type ApiGroup, routesOfGroup } from '../../contract/routes';
import { atLambdaEdge } from '../lambda-edge';
import type { ApiDeps } from './deps';
import { auditWrites, runAudited } from './middleware/audit';
import { authenticate } from './middleware/authenticate';
import { authorize } from './middleware/authorize';
import { signCursors } from './middleware/cursor-signing';
import { onlyVisible } from './middleware/only-visible';
import { problemDetails } from './middleware/problem-details';
import { resolveRoute } from './middleware/resolve-route';
import { validateRequest } from './middleware/validate-request';
import {
  type ApiContext,
  type ApiEvent,
  type ApiResponse,
  type Operation,
  type OperationResult,
  resultOf,
} from './operation';
import { stripResponse } from './strip-response';

export type GroupHandler = (event: ApiEvent, context: object) => Promise<ApiResponse>;

/**
 * For deps built without a cursor key (tests that compose their own): cursors then hold within
 * this process only. Lambdas (CURSOR_KEY) and the local runtime (DROVER_DATA_DIR) pass theirs.
 */
const processCursorKey = randomBytes(32);

export function createGroupHandler(
  group: ApiGroup,
  operations: Record<string, Operation>,
  deps: Pick<
    ApiDeps,
    | 'authenticator'
    | 'agentTokens'
    | 'logger'
    | 'store'
    | 'clock'
    | 'operatorTokens'
    | 'cursorKey'
    | 'cloudPushTokens'
  >,
): GroupHandler {
  const routes = routesOfGroup(group);
  const missing = routes.filter((r) => !operations[r.operationId]).map((r) => r.operationId);
  if (missing.length > 0) throw new Error(`group ${group} lacks operations: ${missing.join(', ')}`);

  const handler = middy<ApiEvent, ApiResponse, Error, ApiContext>()
    .use(problemDetails(deps.logger))
    .use(resolveRoute(routes))
    .use(authenticate(deps.authenticator, deps.agentTokens, deps.operatorTokens, deps.cloudPushTokens))
    .use(signCursors(() => deps.cursorKey ?? processCursorKey))
    .use(validateRequest())
    .use(authorize(deps))
    // Last, so it runs only for an authorized, valid write (and sees a refusal in onError).
    .use(auditWrites(deps))
    .handler(async (_event, context) => {
      const request = context.drover;
      const operation = operations[request.route.operationId]!;
      const result = await runAudited(request, async () => resultOf(request.route, await operation(request)));
      return toResponse(stripResponse(request.route, onlyVisible(request, result)));
    });
  return answeringCorrelationId(handler as unknown as GroupHandler);
}

/** The header a caller may send to name its request, and that every answer carries. */
export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

/**
 * Runs the request under its correlation id (the caller's, or API Gateway's request id) and
 * answers it back, errors included, so a caller can quote it and an operator find its log lines
 * and those of the reconcile, orchestration and webhook work it set off.
 */
function answeringCorrelationId(handler: GroupHandler): GroupHandler {
  return (event, context) => {
    const id = correlationIdOfRequest(event.headers, event.requestContext?.requestId);
    return withCorrelationId(id, async () => {
      const response = await handler(event, context);
      return {
        ...response,
        headers: { ...response.headers, [CORRELATION_ID_HEADER]: currentCorrelationId() ?? '' },
      };
    });
  };
}

function toResponse(result: OperationResult): ApiResponse {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', ...result.headers };
  if (result.body === undefined) return { statusCode: result.status, headers };
  return {
    statusCode: result.status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(result.body),
  };
}

/** A Lambda export that builds its handler on first use (config is read once per cold start). */
export function lazyHandler(build: () => GroupHandler): GroupHandler {
  let built: GroupHandler | undefined;
  const lazy = (event: ApiEvent, context: Context) => {
    built ??= build();
    return built(event, context);
  };
  return atLambdaEdge(lazy, {
    logger: createLogger(),
    correlationIdOf: (event) => correlationIdOfRequest(event.headers, event.requestContext?.requestId),
  }) as GroupHandler;
}
