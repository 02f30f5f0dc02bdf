// Lambda entry point of the farm-task runner. One EventBridge Scheduler schedule for the whole
// deployment invokes it every minute (rate(1 minute)); it runs every task whose time has come
// (services/farm-tasks/run-due-tasks.ts), reading them with one Query of the due index.
// Why one sweep, not a schedule per task: the sweep's cost is fixed — 43,800 invocations a month,
// ≈ $0.044 of Scheduler and a few cents of Lambda — however many tasks there are, while a schedule
// per task would be cheaper only below ~1,500 tasks firing daily and would follow EventBridge's own
// cron dialect and DST rules instead of croner's, which the API validates and the portal shows.
// A failed sweep throws: the next minute's sweep finds the same tasks still due (their schedule
// moves on only when a run is claimed), so nothing is lost, and a claimed run never repeats.
import { createLogger } from '../adapters/observability/logger';
import { farmTaskDepsFromEnvironment } from '../composition/farm-tasks';
import type { FarmTaskRunnerDeps } from '../services/farm-tasks/run-due-tasks';
import { runDueTasks } from '../services/farm-tasks/run-due-tasks';
import { atLambdaEdge } from './lambda-edge';

const logger = createLogger('drover-farm-tasks');
let deps: FarmTaskRunnerDeps | undefined;

export const handler = atLambdaEdge(
  async () => {
    deps ??= farmTaskDepsFromEnvironment();
    const runs = await runDueTasks(deps);
    if (runs.length > 0)
      logger.info('farm tasks ran', {
        runs: runs.map((r) => ({ taskId: r.taskId, action: r.action, outcome: r.outcome })),
      });
    return { ran: runs.length };
  },
  { logger },
);
