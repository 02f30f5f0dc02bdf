// The 'process' mode of the agent simulation: the REAL bundled drover-agent started as a child
// process for one sandbox instance, in a temp directory of its own, leading its own process group
// so that stopping the instance stops the agent and every script it started.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentBundleSha256, ensureAgentBundle } from '../../agent/bundle';

export interface RunningAgent {
  stop(): Promise<void>;
}

/** The real drover-agent as a child process, leading its own process group (so its scripts die with it). */
export function startProcessAgent(
  instanceId: string,
  env: Record<string, string>,
  /** Where the agent's stderr lines go (default: dropped). */
  onAgentLog: ((instanceId: string, line: string) => void) | undefined,
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
      onAgentLog?.(
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
      for (const line of lines) onAgentLog?.(instanceId, line);
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
