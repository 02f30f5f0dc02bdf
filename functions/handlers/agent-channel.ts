// Lambda entry point of the agents' WebSocket API (infra/constructs/agent-channel.ts):
// $connect checks the server token in the Authorization header (the agent sends it on the
// upgrade, like any API call) and stores the connection id under its server; $disconnect removes
// it. The agent's heartbeat has its own mock route and never reaches this function.
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { createLogger } from '../adapters/observability/logger';
import { type AgentChannelDeps, agentChannelDepsFromEnvironment } from '../composition/agent-channel';
import type { AgentTokens } from '../ports/identity';
import { METRIC, noOperationsMetrics } from '../ports/operations-metrics';
import { atLambdaEdge, lambdaOperationsMetrics } from './lambda-edge';

type ConnectEvent = APIGatewayProxyWebsocketEventV2 & { headers?: Record<string, string | undefined> };

const logger = createLogger('drover-agent-channel');

export async function handleChannelEvent(
  deps: AgentChannelDeps,
  event: ConnectEvent,
): Promise<APIGatewayProxyResultV2> {
  const { routeKey, connectionId, connectedAt } = event.requestContext;
  if (routeKey === '$disconnect') {
    await deps.connections.remove(connectionId);
    return { statusCode: 200 };
  }
  if (routeKey !== '$connect') return { statusCode: 200 };
  const header = event.headers?.authorization ?? event.headers?.Authorization ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
  let agent: ReturnType<AgentTokens['verify']>;
  try {
    if (!token) throw new Error('no token');
    agent = deps.tokens.verify(token);
  } catch {
    // Any non-2xx refuses the upgrade.
    return { statusCode: 401, body: 'Send the server token: Authorization: Bearer <token>' };
  }
  await deps.connections.add(agent, connectionId, new Date(connectedAt).toISOString());
  logger.info('agent connected', { serverId: agent.serverId, connectionId });
  (deps.metrics ?? noOperationsMetrics).add(METRIC.agentConnections, 1);
  return { statusCode: 200 };
}

let deps: AgentChannelDeps | undefined;

async function handleInvocation(event: ConnectEvent) {
  deps ??= agentChannelDepsFromEnvironment(lambdaOperationsMetrics);
  return handleChannelEvent(deps, event);
}

export const handler = atLambdaEdge(handleInvocation, {
  logger,
  correlationIdOf: (event) => event.requestContext?.requestId,
});
