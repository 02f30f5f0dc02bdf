// An agent's metrics report: kept as the server's latest (what the API shows of a server) and as
// one sample set for its farm role's scaling rules, filed under the server in the farm's stream
// at the time it arrived (a server's clock may be off; windows are the control plane's).
import { agentMetricValues } from '../../domain/scaling/agent-values';
import type { AgentMetrics } from '../../domain/schemas/agent-protocol';
import type { Clock } from '../../ports/clock';
import type { AgentIdentity } from '../../ports/identity';
import type { Store } from '../../ports/store';

export async function recordAgentMetrics(
  deps: { store: Pick<Store, 'agentMetrics' | 'metricSamples'>; clock: Clock },
  agent: AgentIdentity,
  report: AgentMetrics,
): Promise<void> {
  await Promise.all([
    deps.store.agentMetrics.put(agent, report),
    deps.store.metricSamples.append(
      agent,
      { kind: 'servers' },
      { at: deps.clock.now().getTime(), serverId: agent.serverId, values: agentMetricValues(report) },
    ),
  ]);
}
