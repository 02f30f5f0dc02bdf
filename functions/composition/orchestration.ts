// The composition root of the orchestrator function (handlers/orchestration.ts): the store and
// the agents' notifier (AGENT_CHANNEL_ENDPOINT names the agents' WebSocket API; without it
// agents find their tasks by polling).
import { systemClock } from '../ports/clock';
import type { OrchestrationDeps } from '../services/orchestration/orchestrate-event';
import { agentNotifierFromEnvironment, storeFromEnvironment } from './ports-from-environment';

export function orchestrationDepsFromEnvironment(): OrchestrationDeps {
  const store = storeFromEnvironment();
  return { store, clock: systemClock, notifier: agentNotifierFromEnvironment(() => store) };
}
