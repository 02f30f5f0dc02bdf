// AgentNotifier over the API Gateway WebSocket API (infra/constructs/agent-channel.ts): each
// server's connection ids are in the table (written by the $connect handler); a nudge is one
// PostToConnection per connection. GoneException means the agent left without a $disconnect
// reaching us: the stale id is removed. Other failures are swallowed: the agent's catch-up poll
// finds the task anyway, so a nudge never fails the orchestrator.
import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { AgentPush } from '../../domain/schemas/agent-protocol';
import type { AgentNotifier } from '../../ports/agent-notifier';
import type { AgentConnectionRepo } from '../../ports/agent-store';

const NUDGE = new TextEncoder().encode(JSON.stringify({ type: 'tasks' } satisfies AgentPush));

export function createWebSocketNotifier(options: {
  /** The stage's management endpoint: https://<api-id>.execute-api.<region>.amazonaws.com/<stage>. */
  endpoint: string;
  connections: AgentConnectionRepo;
  client?: ApiGatewayManagementApiClient;
}): AgentNotifier {
  const client = options.client ?? new ApiGatewayManagementApiClient({ endpoint: options.endpoint });
  const post = async (connectionId: string) => {
    try {
      await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: NUDGE }));
    } catch (err) {
      if (err instanceof GoneException || (err as Error).name === 'GoneException')
        await options.connections.remove(connectionId).catch(() => {});
    }
  };
  return {
    async notify(servers) {
      const ids = await Promise.all(
        servers.map((s) => options.connections.listForServer(s).catch(() => [] as string[])),
      );
      await Promise.all(ids.flat().map(post));
    },
  };
}
