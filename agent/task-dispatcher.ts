// Decides when each fetched task runs: blocking tasks one at a time, in the order the API lists
// them (rule order), non-blocking ones at once. A task is taken once per agent process, however
// many fetches list it (a nudge and a poll may overlap).
import type { AgentTask, TaskResult } from '../functions/domain/schemas/agent-protocol';

export interface TaskOutcome {
  task: AgentTask;
  /** undefined when the task was not ours to run after all (another process started it). */
  result: TaskResult | undefined;
}

export type RunTask = (task: AgentTask) => Promise<TaskResult | undefined>;

export class TaskDispatcher {
  private readonly taken = new Set<string>();
  private blockingChain: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Set<Promise<TaskOutcome>>();

  constructor(private readonly run: RunTask) {}

  /** Takes the tasks not seen before; the promises settle when each has run. */
  offer(tasks: AgentTask[]): Promise<TaskOutcome>[] {
    const accepted: Promise<TaskOutcome>[] = [];
    for (const task of tasks) {
      if (this.taken.has(task.executionId)) continue;
      this.taken.add(task.executionId);
      const runIt = async (): Promise<TaskOutcome> => ({ task, result: await this.run(task) });
      let outcome: Promise<TaskOutcome>;
      if (task.blocking) {
        outcome = this.blockingChain.then(runIt, runIt);
        this.blockingChain = outcome.catch(() => {});
      } else {
        outcome = runIt();
      }
      const tracked = outcome.finally(() => this.inFlight.delete(tracked));
      this.inFlight.add(tracked);
      accepted.push(tracked);
    }
    return accepted;
  }

  get running(): number {
    return this.inFlight.size;
  }

  /** Waits for everything taken so far (graceful stop). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

export function failedResult(result: TaskResult | undefined): boolean {
  if (!result) return false;
  return result.timedOut || result.exitCode !== 0 || result.error !== undefined;
}
