// The sandbox clouds' stand-in for drover-agent: when a sandbox instance starts running, it
// reads the agent settings from the instance's user data and reports HostInit, then HostUp,
// to the API over HTTP with the server's own token — what the real agent does at boot.
import { parseAgentUserData } from '../functions/services/reconcile/user-data';
import type { SandboxCloud } from './sandbox/sandbox-cloud';

export interface AgentSimulationOptions {
  /** From running to HostInit (ms). */
  hostInitDelayMs: number;
  /** From HostInit to HostUp (ms). */
  hostUpDelayMs: number;
}

export function simulateAgents(sandboxes: SandboxCloud[], options: AgentSimulationOptions): () => void {
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => Promise<void>) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn().catch(() => {});
    }, ms);
    timers.add(t);
  };
  const report = async (apiUrl: string, token: string, name: string) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await fetch(`${apiUrl}/v1/agent/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name, message: `${name} (sandbox agent)` }),
      }).catch(() => undefined);
      if (res && res.status < 500 && res.status !== 412) return;
      await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
    }
  };
  const unsubscribers = sandboxes.map((sandbox) =>
    sandbox.onStateChange(({ instance, previous }) => {
      if (instance.state !== 'running' || previous === 'running' || !instance.userData) return;
      const agent = parseAgentUserData(instance.userData);
      if (!agent) return;
      later(options.hostInitDelayMs, async () => {
        await report(agent.apiUrl, agent.token, 'HostInit');
        later(options.hostUpDelayMs, () => report(agent.apiUrl, agent.token, 'HostUp'));
      });
    }),
  );
  return () => {
    for (const u of unsubscribers) u();
    for (const t of timers) clearTimeout(t);
  };
}
