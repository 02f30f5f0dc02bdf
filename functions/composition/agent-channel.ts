// The composition root of the agents' WebSocket function (handlers/agent-channel.ts): the
// agent tokens that check a connecting server and the store's connection records.
import type { AgentConnectionRepo } from '../ports/agent-store';
import type { AgentTokens } from '../ports/identity';
import type { OperationsMetrics } from '../ports/operations-metrics';
import { agentTokensFromEnvironment, storeFromEnvironment } from './ports-from-environment';

export interface AgentChannelDeps {
  tokens: AgentTokens;
  connections: AgentConnectionRepo;
  /** Counts AgentConnections (EMF in Lambda). */
  metrics?: OperationsMetrics;
}

export function agentChannelDepsFromEnvironment(metrics: OperationsMetrics): AgentChannelDeps {
  return {
    tokens: agentTokensFromEnvironment(),
    connections: storeFromEnvironment().agentConnections,
    metrics,
  };
}
