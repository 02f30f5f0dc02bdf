// Runs one script as the protocol asks: the body written to a fresh temp directory (also its
// working directory), the shebang's interpreter or /bin/sh, the task's user, env = the task's
// variables (+ PATH, and a `drover-agent` on PATH for `drover-agent fire`), a timeout that sends
// SIGTERM to the script's whole process group and SIGKILL after a grace, stdout/stderr kept to
// their last 64 KiB and handed to `onOutput` at most every `flushMs`.
import { spawn } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentTask, TaskResult } from '../functions/domain/schemas/agent-protocol';
import { OutputTail } from './output-tail';
import { resolveRunAs } from './run-as';

export const OUTPUT_TAIL_BYTES = 64 * 1024;

export interface RunOptions {
  workRoot: string;
  flushMs: number;
  killGraceMs: number;
  /** Extra environment every script gets (the agent's URL and token for `drover-agent fire`). */
  agentEnv: Record<string, string>;
  /** How a script calls this agent back: the node binary and the agent's bundle. */
  agentCommand?: { node: string; script: string };
  onOutput?: (chunk: { stdout: string; stderr: string }) => Promise<void>;
  /** Aborted when the agent stops for good: the script is killed like on a timeout. */
  signal?: AbortSignal;
}

/** `#!/usr/bin/env python3 -u` → ['/usr/bin/env', 'python3', '-u']; no shebang → /bin/sh. */
export function interpreterOf(body: string): string[] {
  if (!body.startsWith('#!')) return ['/bin/sh'];
  const line = body.slice(2, body.indexOf('\n') === -1 ? undefined : body.indexOf('\n')).trim();
  const parts = line.split(/\s+/).filter(Boolean);
  return parts.length > 0 ? parts : ['/bin/sh'];
}

export async function runScript(task: AgentTask, options: RunOptions): Promise<TaskResult> {
  const started = Date.now();
  const failed = (error: string): TaskResult => ({
    exitCode: null,
    timedOut: false,
    durationMs: Date.now() - started,
    stdoutTail: '',
    stderrTail: '',
    error,
  });
  const user = await resolveRunAs(task.runAs);
  if ('error' in user) return failed(user.error);

  const dir = await mkdtemp(join(options.workRoot, 'drover-task-'));
  try {
    const scriptPath = join(dir, 'script');
    await writeFile(scriptPath, task.body, { mode: 0o700 });
    const path = [process.env.PATH || '/usr/local/bin:/usr/bin:/bin'];
    if (options.agentCommand) {
      const bin = join(dir, 'bin');
      await mkdir(bin);
      const shim = `#!/bin/sh\nexec '${options.agentCommand.node}' '${options.agentCommand.script}' "$@"\n`;
      await writeFile(join(bin, 'drover-agent'), shim, { mode: 0o755 });
      path.unshift(bin);
    }
    if (user.uid !== undefined && user.gid !== undefined) {
      await chown(dir, user.uid, user.gid);
      await chown(scriptPath, user.uid, user.gid);
    }
    await chmod(dir, 0o700);
    const [command, ...args] = interpreterOf(task.body);
    return await execute(task, options, {
      command: command!,
      args: [...args, scriptPath],
      cwd: dir,
      env: { ...task.env, ...options.agentEnv, PATH: path.join(':'), HOME: process.env.HOME ?? dir },
      ...(user.uid !== undefined ? { uid: user.uid, gid: user.gid } : {}),
      started,
    });
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

interface Spawn {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  uid?: number;
  gid?: number;
  started: number;
}

function execute(task: AgentTask, options: RunOptions, how: Spawn): Promise<TaskResult> {
  const stdout = new OutputTail(OUTPUT_TAIL_BYTES);
  const stderr = new OutputTail(OUTPUT_TAIL_BYTES);
  const pendingOut = new OutputTail(OUTPUT_TAIL_BYTES);
  const pendingErr = new OutputTail(OUTPUT_TAIL_BYTES);
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    if (!options.onOutput || (pendingOut.byteLength === 0 && pendingErr.byteLength === 0)) return flushing;
    const chunk = { stdout: pendingOut.drain(), stderr: pendingErr.drain() };
    // One chunk in flight at a time, in order: the API appends them.
    flushing = flushing.then(() => options.onOutput!(chunk)).catch(() => {});
    return flushing;
  };

  return new Promise<TaskResult>((resolve) => {
    let timedOut = false;
    let spawnError: string | undefined;
    // detached: the script leads its own process group, so a timeout kills what it started too.
    const child = spawn(how.command, how.args, {
      cwd: how.cwd,
      env: how.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(how.uid !== undefined && how.gid !== undefined ? { uid: how.uid, gid: how.gid } : {}),
    });
    child.stdout.on('data', (d: Buffer) => {
      stdout.push(d);
      pendingOut.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr.push(d);
      pendingErr.push(d);
    });
    const ticker = setInterval(flush, options.flushMs);
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    let graceTimer: NodeJS.Timeout | undefined;
    const timeoutTimer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      graceTimer = setTimeout(() => killGroup('SIGKILL'), options.killGraceMs);
    }, task.timeoutSeconds * 1000);
    const onAbort = () => {
      killGroup('SIGTERM');
      graceTimer = setTimeout(() => killGroup('SIGKILL'), options.killGraceMs);
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      spawnError = `cannot start ${how.command}: ${err.message}`;
    });
    child.on('close', (code) => {
      clearInterval(ticker);
      clearTimeout(timeoutTimer);
      options.signal?.removeEventListener('abort', onAbort);
      if (graceTimer) clearTimeout(graceTimer);
      // Whatever the script left running in its group goes with it.
      killGroup('SIGKILL');
      void flush().then(() =>
        resolve({
          exitCode: spawnError ? null : code,
          timedOut,
          durationMs: Date.now() - how.started,
          stdoutTail: stdout.text(),
          stderrTail: stderr.text(),
          ...(spawnError ? { error: spawnError } : {}),
        }),
      );
    });
  });
}
