// What the agent's data plane keeps besides executions: each server's latest metrics (one item,
// overwritten every minute; history belongs to the scaling work) and, in AWS, the API Gateway
// WebSocket connection ids of each server's agent (so a nudge knows where to go).
import type { AgentMetrics } from '../domain/schemas/agent-protocol';
import type { AgentIdentity } from './identity';

export interface AgentMetricsRepo {
  put(agent: AgentIdentity, metrics: AgentMetrics): Promise<void>;
  get(agent: AgentIdentity): Promise<AgentMetrics | undefined>;
}

export interface AgentConnectionRepo {
  add(agent: AgentIdentity, connectionId: string, connectedAt: string): Promise<void>;
  /** By connection id alone ($disconnect and GoneException know nothing else). */
  remove(connectionId: string): Promise<void>;
  listForServer(agent: AgentIdentity): Promise<string[]>;
}
