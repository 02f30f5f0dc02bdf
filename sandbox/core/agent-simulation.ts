// The sandbox clouds run an agent for each of their instances. When an instance starts running,
// its agent settings are read from the user data (what a real server's boot does) and either
//  - 'simulated' (the default): the agent's own code (agent/agent.ts) runs in this process with a
//    stand-in runner that reports every script succeeded at once, so flows are fast in tests; or
//  - 'process': the REAL bundled drover-agent (dist/agent/drover-agent.mjs) is started as a child
//    process with the user data's environment, in a temp directory of its own; its scripts really
//    run on this machine, as the current user. Chosen for all instances (mode) or per instance type.
// When the instance stops or terminates, its agent goes with it (the child's whole process group).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DroverAgent } from '../../agent/agent';
import { agentBundleSha256, ensureAgentBundle } from '../../agent/bundle';
import { configFromEnvironment } from '../../agent/config';
import { parseAgentUserData } from '../../functions/services/reconcile/user-data';
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
  /** Real agents' stderr lines go here (default: dropped). */
  onAgentLog?: (instanceId: string, line: string) => void;
}

interface RunningAgent {
  stop(): Promise<void>;
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

  const startFor = (instance: SandboxInstance) => {
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
      const running = startProcessAgent(key, env, options, children, settings.agentSha256);
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
      agents.set(key, { stop: () => agent.stop() });
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
      if (instance.state === 'running' && previous !== 'running') startFor(instance);
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

/** The real drover-agent as a child process, leading its own process group (so its scripts die with it). */
function startProcessAgent(
  instanceId: string,
  env: Record<string, string>,
  options: AgentSimulationOptions,
  children: Map<string, ChildProcess>,
  /** The sha256 the user data expects: a bundle that differs is not started, as on a real boot. */
  expectedSha256: string | undefined,
): RunningAgent {
  const workDir = mkdtempSync(join(tmpdir(), `drover-sandbox-${instanceId}-`));
  let child: ChildProcess | undefined;
  let cancelled = false;
  const started = ensureAgentBundle().then((bundle) => {
    if (cancelled) return;
    if (expectedSha256 && agentBundleSha256(bundle) !== expectedSha256) {
      options.onAgentLog?.(
        instanceId,
        `drover: ${bundle} is not the expected drover-agent (sha256 mismatch): not starting it`,
      );
      return;
    }
    const childEnv: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? workDir,
      DROVER_AGENT_WORK_DIR: workDir,
      // A sandbox instance goes away at once: its scripts get a short grace, not a server's 30 s.
      DROVER_AGENT_STOP_GRACE_MS: '1000',
      DROVER_AGENT_KILL_GRACE_MS: '1000',
      ...env,
    };
    const c = spawn(process.execPath, [bundle], {
      env: childEnv as NodeJS.ProcessEnv,
      cwd: workDir,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = c;
    children.set(instanceId, c);
    let partial = '';
    c.stderr?.on('data', (d: Buffer) => {
      const lines = (partial + d.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onAgentLog?.(instanceId, line);
    });
    c.on('exit', () => children.delete(instanceId));
  });
  return {
    async stop() {
      cancelled = true;
      await started.catch(() => {});
      const c = child;
      if (c?.pid && c.exitCode === null && c.signalCode === null) {
        const exited = new Promise<void>((ok) => c.once('exit', () => ok()));
        signalGroup(c.pid, 'SIGTERM');
        const killer = setTimeout(() => signalGroup(c.pid!, 'SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
        // Scripts the agent started may outlive it in their own groups only if they detached themselves.
        signalGroup(c.pid, 'SIGKILL');
      }
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
