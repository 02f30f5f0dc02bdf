// Builds the Lambda handler of one route group: middy with the same middlewares for every
// group — problem details (outermost), route resolution, authentication, validation — around
// a dispatch to the group's operations.
import middy from '@middy/core';
import type { ApiDeps } from './deps';
import { auditWrites } from './middleware/audit';
import { authenticate } from './middleware/authenticate';
import { authorize, onlyVisible } from './middleware/authorize';
import { problemDetails } from './middleware/problem-details';
import { resolveRoute } from './middleware/resolve-route';
import { validateRequest } from './middleware/validate-request';
import type { ApiContext, ApiEvent, ApiResponse, Operation, OperationResult } from './operation';
import { type ApiGroup, routesOfGroup } from './routes';

export type GroupHandler = (event: ApiEvent, context: object) => Promise<ApiResponse>;

export function createGroupHandler(
  group: ApiGroup,
  operations: Record<string, Operation>,
  deps: Pick<ApiDeps, 'authenticator' | 'agentTokens' | 'logger' | 'store' | 'clock'>,
): GroupHandler {
  const routes = routesOfGroup(group);
  const missing = routes.filter((r) => !operations[r.operationId]).map((r) => r.operationId);
  if (missing.length > 0) throw new Error(`group ${group} lacks operations: ${missing.join(', ')}`);

  const handler = middy<ApiEvent, ApiResponse, Error, ApiContext>()
    .use(problemDetails(deps.logger))
    .use(resolveRoute(routes))
    .use(authenticate(deps.authenticator, deps.agentTokens))
    .use(validateRequest())
    .use(authorize(deps))
    // Last, so it runs only for an authorized, valid write (and sees a refusal in onError).
    .use(auditWrites(deps, routes, operations))
    .handler(async (_event, context) => {
      const request = context.drover;
      const result = await operations[request.route.operationId]!(request);
      return toResponse(onlyVisible(request, result));
    });
  return handler as unknown as GroupHandler;
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
  return (event, context) => {
    built ??= build();
    return built(event, context);
  };
}
