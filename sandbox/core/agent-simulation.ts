// The sandbox clouds run an agent for each of their instances. When an instance starts running,
// its agent settings are read from the user data (what a real server's boot does) and either
//  - 'simulated' (the default): the agent's own code (agent/agent.ts) runs in this process with a
//    stand-in runner that reports every script succeeded at once, so flows are fast in tests; or
//  - 'process': the REAL bundled drover-agent (dist/agent/drover-agent.mjs) is started as a child
//    process with the user data's environment, in a temp directory of its own; its scripts really
//    run on this machine, as the current user. Chosen for all instances (mode) or per instance type.
// When the instance stops or terminates, its agent goes with it (the child's whole process group).
import type { ChildProcess } from 'node:child_process';
import { DroverAgent } from '../../agent/agent';
import { configFromEnvironment } from '../../agent/config';
import { parseAgentUserData } from '../../functions/services/reconcile/user-data';
import { type RunningAgent, startProcessAgent } from './process-agent';
import type { SandboxCloud, SandboxInstance } from './sandbox-cloud';

export interface AgentSimulationOptions {
  /** From running to HostInit (ms). */
  hostInitDelayMs: number;
  /** From HostInit to BeforeHostUp/HostUp (ms), simulated agents only. */
  hostUpDelayMs: number;
  /** 'simulated' unless said otherwise. */
  mode?: 'simulated' | 'process';
  /** Instance types whose instances get the real agent process whatever the mode. */
  processInstanceTypes?: string[];
  /** Extra environment for agents (DROVER_AGENT_* timings in tests). */
  agentEnv?: Record<string, string>;
  /**
   * How often simulated agents whose user data asks for metrics report their cloud's simulated
   * load (simulated-load.ts); default: the user data's interval (a minute).
   */
  metricsIntervalMs?: number;
  /** Real agents' stderr lines go here (default: dropped). */
  onAgentLog?: (instanceId: string, line: string) => void;
}

export interface AgentSimulation {
  /** Instance ids whose agent is a real process now (tests). */
  processes(): { instanceId: string; pid: number }[];
  stop(): Promise<void>;
}

export function simulateAgents(sandboxes: SandboxCloud[], options: AgentSimulationOptions): AgentSimulation {
  const agents = new Map<string, RunningAgent>();
  const children = new Map<string, ChildProcess>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const realProcess = (instance: SandboxInstance) =>
    options.mode === 'process' || (options.processInstanceTypes ?? []).includes(instance.instanceType);

  const startFor = (instance: SandboxInstance, sandbox: SandboxCloud) => {
    const settings = instance.userData ? parseAgentUserData(instance.userData) : undefined;
    if (!settings || agents.has(instance.instanceId)) return;
    const env: Record<string, string> = {
      DROVER_API_URL: settings.apiUrl,
      DROVER_SERVER_ID: settings.serverId,
      DROVER_SERVER_TOKEN: settings.token,
      ...options.agentEnv,
    };
    const key = instance.instanceId;
    if (realProcess(instance)) {
      const running = startProcessAgent(key, env, options.onAgentLog, children, settings.agentSha256);
      agents.set(key, running);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopped || agents.has(key)) return;
      const agent = new DroverAgent(
        { ...configFromEnvironment(env), metricsIntervalMs: 0 },
        {
          pauseAfterHostInitMs: options.hostUpDelayMs,
          runner: async (task) => ({
            exitCode: 0,
            timedOut: false,
            durationMs: 1,
            stdoutTail: `${task.scriptName}: simulated by the sandbox agent\n`,
            stderrTail: '',
          }),
        },
      );
      const reporting = reportLoad(agent, instance, sandbox, options.metricsIntervalMs ?? settings.metricsMs);
      agents.set(key, {
        stop: () => {
          if (reporting) clearInterval(reporting);
          return agent.stop();
        },
      });
      agent.run().catch(() => {});
    }, options.hostInitDelayMs);
    timers.add(timer);
  };

  const stopFor = (instanceId: string) => {
    const agent = agents.get(instanceId);
    agents.delete(instanceId);
    void agent?.stop();
  };

  const unsubscribers = sandboxes.map((sandbox) =>
    sandbox.onStateChange(({ instance, previous }) => {
      if (stopped) return;
      if (instance.state === 'running' && previous !== 'running') startFor(instance, sandbox);
      else if (instance.state !== 'running' && instance.state !== 'pending') stopFor(instance.instanceId);
    }),
  );

  return {
    processes: () =>
      [...children.entries()]
        .filter(([, c]) => c.pid)
        .map(([instanceId, c]) => ({ instanceId, pid: c.pid! })),
    async stop() {
      stopped = true;
      for (const u of unsubscribers) u();
      for (const t of timers) clearTimeout(t);
      await Promise.all([...agents.values()].map((a) => a.stop()));
      agents.clear();
    },
  };
}

/** A simulated agent's metrics: its cloud's simulated load, every `intervalMs` when its user data asks. */
function reportLoad(
  agent: DroverAgent,
  instance: SandboxInstance,
  sandbox: SandboxCloud,
  intervalMs: number | undefined,
): NodeJS.Timeout | undefined {
  if (!intervalMs) return undefined;
  return setInterval(() => {
    const running = sandbox.instances().filter((i) => i.state === 'running');
    agent.api.metrics(sandbox.load.report(instance, running)).catch(() => {});
  }, intervalMs);
}
