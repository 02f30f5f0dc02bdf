// The local runtime's farm-task runner: a timer that sweeps for due tasks, through the same
// runDueTasks the reconcile function runs on its minute tick in AWS (functions/handlers/reconcile.ts). Tasks run on
// whole minutes, so a tick of a few seconds runs each one close to its time; a sweep still going
// when the next tick comes is not doubled.
import type { FarmTaskRun } from '../functions/domain/schemas/farm-task';
import { type FarmTaskRunnerDeps, runDueTasks } from '../functions/services/farm-tasks/run-due-tasks';

export const FARM_TASK_TICK_MS = 5_000;

export interface LocalFarmTasks {
  /** Sweeps now (after the one in progress, if any); answers the runs it made. */
  sweep(): Promise<FarmTaskRun[]>;
  stop(): Promise<void>;
}

export function startLocalFarmTasks(deps: FarmTaskRunnerDeps, tickMs = FARM_TASK_TICK_MS): LocalFarmTasks {
  let current: Promise<FarmTaskRun[]> = Promise.resolve([]);
  const sweep = () => {
    current = current
      .catch(() => [])
      .then(() =>
        runDueTasks(deps).catch((error: Error) => {
          deps.logger.error('farm task sweep failed', { error });
          return [];
        }),
      );
    return current;
  };
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void sweep().finally(() => {
      sweeping = false;
    });
  }, tickMs);
  timer.unref();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await current.catch(() => undefined);
    },
  };
}
