// AgentNotifier: tells the agents of some servers that new tasks wait for them (a small push over
// each agent's own connection: API Gateway WebSocket in AWS, the local runtime's WebSocket server).
// A nudge may be lost (the agent is reconnecting): the agent's catch-up poll finds the tasks anyway,
// so a notifier never fails the caller for a server it cannot reach.
import type { AgentIdentity } from './identity';

export interface AgentNotifier {
  notify(servers: AgentIdentity[]): Promise<void>;
}
