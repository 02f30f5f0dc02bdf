// drover-agent's life: the boot sequence (HostInit → BeforeHostUp scripts → HostUp, or
// BeforeHostUpFailed), then tasks from the push channel (a catch-up fetch on each connect, a
// poll only while it is down), metrics when the user data asks for them, and a graceful stop.
// One class, so the program (main.ts) and the benchmark's many-agents-in-one-process mode run
// the same code.
import { uptime } from 'node:os';
import type { AgentTask, TaskResult } from '../functions/domain/schemas/agent-protocol';
import { AgentApiClient, AgentApiError } from './api-client';
import { Backoff } from './backoff';
import type { AgentConfig } from './config';
import { MetricsSampler } from './metrics';
import { PushChannel } from './push-channel';
import { runScript } from './script-runner';
import { failedResult, TaskDispatcher, type TaskOutcome } from './task-dispatcher';

export interface AgentOptions {
  /** How a script calls this agent back (`drover-agent fire`): node + the bundle. */
  agentCommand?: { node: string; script: string };
  log?: (message: string) => void;
  /** Called when a task is about to start (the benchmark's latency probe). */
  onTaskStart?: (task: AgentTask) => void;
  /** Replaces running the script (the sandbox's simulated agents report success at once). */
  runner?: (task: AgentTask) => Promise<TaskResult>;
  /** Between HostInit and BeforeHostUp (the sandbox simulates a slow boot with it). */
  pauseAfterHostInitMs?: number;
}

export type BootOutcome = { status: 'up' } | { status: 'failed'; reason: string } | { status: 'stopped' };

export class DroverAgent {
  readonly api: AgentApiClient;
  readonly channel: PushChannel;
  private readonly dispatcher: TaskDispatcher;
  private readonly metrics: MetricsSampler;
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private fetching: Promise<void> | undefined;
  private fetchAgain = false;
  private readonly sleepers = new Set<() => void>();
  /** Kills the scripts still running when a stop's grace is over. */
  private readonly abort = new AbortController();

  constructor(
    readonly config: AgentConfig,
    private readonly options: AgentOptions = {},
  ) {
    this.api = new AgentApiClient(config.apiUrl, config.token);
    this.dispatcher = new TaskDispatcher((task) => this.runTask(task));
    this.metrics = new MetricsSampler(config.diskPath);
    this.channel = new PushChannel({
      url: config.channelUrl,
      token: config.token,
      heartbeatMs: config.heartbeatIntervalMs,
      reconnectBaseMs: config.reconnectBaseMs,
      reconnectMaxMs: config.reconnectMaxMs,
      onNudge: () => this.fetchTasks(),
      onOpen: () => this.fetchTasks(),
      ...(options.log ? { log: options.log } : {}),
    });
  }

  /** Boot, then serve tasks until stop(). */
  async run(): Promise<BootOutcome> {
    const outcome = await this.boot();
    if (outcome.status === 'up') this.serve();
    return outcome;
  }

  async boot(): Promise<BootOutcome> {
    const init = await this.reportUntilAnswered('HostInit', 'drover-agent started');
    if (!init) return { status: 'stopped' };
    if (init.status === 'Running') {
      // The agent restarted on a server that is already up: a reboot when the machine just booted.
      if (uptime() < 600) await this.reportUntilAnswered('RebootComplete', 'the server rebooted');
      return { status: 'up' };
    }
    if (init.status === 'Failed' || init.status === 'Terminated' || init.status === 'Pending Terminate')
      return { status: 'failed', reason: `the server is ${init.status}` };

    if (this.options.pauseAfterHostInitMs) await this.sleep(this.options.pauseAfterHostInitMs);
    if (this.stopped) return { status: 'stopped' };
    // The API creates the BeforeHostUp executions while answering this report.
    const before = await this.reportUntilAnswered('BeforeHostUp', 'running BeforeHostUp scripts');
    if (!before) return { status: 'stopped' };
    const tasks = await this.bootTasks(before.executionIds ?? []);
    if (!tasks) return { status: 'stopped' };
    const boot = this.dispatcher.offer(tasks.filter((t) => t.eventName === 'BeforeHostUp' && t.blocking));
    this.dispatcher.offer(tasks);
    for (const pending of boot) {
      const { task, result } = await pending;
      if (task.abortOnFailure && failedResult(result)) {
        const reason = `BeforeHostUp script "${task.scriptName}" failed (${describe(result!)})`;
        await this.reportUntilAnswered('BeforeHostUpFailed', reason, {
          scriptName: task.scriptName,
          executionId: task.executionId,
          exitCode: result!.exitCode,
          timedOut: result!.timedOut,
        });
        return { status: 'failed', reason };
      }
    }
    if (!(await this.reportUntilAnswered('HostUp', 'drover-agent: the server is up')))
      return { status: 'stopped' };
    return { status: 'up' };
  }

  /** The task list once it shows every execution BeforeHostUp queued (an index may lag a moment). */
  private async bootTasks(expected: string[]): Promise<AgentTask[] | undefined> {
    for (let attempt = 1; ; attempt++) {
      const tasks = await this.untilAnswered(() => this.api.tasks());
      if (!tasks) return undefined;
      const seen = new Set(tasks.map((t) => t.executionId));
      if (expected.every((id) => seen.has(id)) || attempt >= 20) return tasks;
      await this.sleep(250);
    }
  }

  /**
   * The steady state: push channel, catch-up poll, metrics. While the channel is connected the
   * nudges bring the work and nothing is polled (an idle server costs the control plane nothing
   * but its connection); every (re)connect fetches the task list once, which catches up on what
   * was queued while away, and the poll runs only while the channel is down.
   */
  serve(): void {
    this.channel.start();
    this.timers.push(
      setInterval(() => {
        if (!this.channel.connected) void this.fetchTasks();
      }, this.config.pollIntervalMs),
    );
    if (this.config.metricsIntervalMs > 0)
      this.timers.push(setInterval(() => void this.reportMetrics(), this.config.metricsIntervalMs));
  }

  /** Fetches the task list and takes what is new; overlapping calls coalesce into one more fetch. */
  fetchTasks(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.fetching) {
      this.fetchAgain = true;
      return this.fetching;
    }
    this.fetching = (async () => {
      do {
        this.fetchAgain = false;
        try {
          this.dispatcher.offer(await this.api.tasks());
        } catch (err) {
          this.log(`task fetch failed: ${(err as Error).message}`);
        }
      } while (this.fetchAgain && !this.stopped);
    })().finally(() => {
      this.fetching = undefined;
    });
    return this.fetching;
  }

  async reportMetrics(): Promise<void> {
    try {
      await this.api.metrics(await this.metrics.sample());
    } catch (err) {
      this.log(`metrics failed: ${(err as Error).message}`);
    }
  }

  /** Stops taking work, gives running scripts `graceMs` to finish, then kills them. */
  async stop(graceMs = this.config.stopGraceMs): Promise<void> {
    this.stopped = true;
    for (const wake of this.sleepers) wake();
    this.channel.stop();
    for (const t of this.timers) clearInterval(t);
    const killer = setTimeout(() => this.abort.abort(), graceMs);
    await this.dispatcher.idle();
    clearTimeout(killer);
  }

  private async runTask(task: AgentTask): Promise<TaskResult | undefined> {
    try {
      await this.api.start(task.executionId);
    } catch (err) {
      // 409: already started (another fetch or an earlier agent process); 404: cancelled meanwhile.
      if (err instanceof AgentApiError && (err.status === 409 || err.status === 404)) return undefined;
      throw err;
    }
    this.options.onTaskStart?.(task);
    if (this.options.runner) {
      const result = await this.options.runner(task);
      await this.untilAnswered(() => this.api.result(task.executionId, result));
      return result;
    }
    const result = await runScript(task, {
      workRoot: this.config.workRoot,
      flushMs: this.config.outputFlushMs,
      killGraceMs: this.config.killGraceMs,
      agentEnv: {
        DROVER_API_URL: this.config.apiUrl,
        DROVER_SERVER_ID: this.config.serverId,
        DROVER_SERVER_TOKEN: this.config.token,
      },
      ...(this.options.agentCommand ? { agentCommand: this.options.agentCommand } : {}),
      onOutput: (chunk) => this.api.output(task.executionId, chunk).then(() => {}),
      signal: this.abort.signal,
    });
    await this.untilAnswered(() => this.api.result(task.executionId, result));
    return result;
  }

  private reportUntilAnswered(
    name: Parameters<AgentApiClient['report']>[0],
    message: string,
    payload: Record<string, unknown> = {},
  ) {
    return this.untilAnswered(() => this.api.report(name, message, payload));
  }

  /** Boot reports must get through: retried with backoff until answered or the agent stops. */
  private async untilAnswered<T>(call: () => Promise<T>): Promise<T | undefined> {
    const backoff = new Backoff({ baseMs: this.config.reconnectBaseMs, maxMs: this.config.reconnectMaxMs });
    while (!this.stopped) {
      try {
        return await call();
      } catch (err) {
        // Any 4xx ends the wait: a refusal will not change on retry, and a 429 or 412 reaches here
        // only after the client's own few retries, so a throttle that outlasts them gives up too.
        if (err instanceof AgentApiError && err.status >= 400 && err.status < 500) throw err;
        this.log(`${(err as Error).message}; retrying`);
        await this.sleep(backoff.next());
      }
    }
    return undefined;
  }

  /** A wait that stop() cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(wake);
        resolve();
      }, ms);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.sleepers.add(wake);
    });
  }

  private log(message: string) {
    this.options.log?.(message);
  }
}

function describe(result: TaskResult): string {
  if (result.error) return result.error;
  if (result.timedOut) return 'timed out';
  return `exit code ${result.exitCode}`;
}

export type { TaskOutcome };
