// The farm-task runner: one sweep runs every task whose time has come, across accounts. In AWS the
// reconcile function runs it on the farms' sweep tick, each minute (functions/handlers/reconcile.ts);
// locally the runtime's timer does (local/farm-task-timer.ts). Per task, intent before side effect: the
// task's schedule is moved on by a write conditional on its version (so two sweeps never run one
// occurrence twice), the run is recorded as running, then the action runs in its creator's name
// through the same service the API calls, and the run gets its outcome and an audit entry.
// A task the runner missed during downtime runs once, saying how many occurrences it folded in.
import type { Logger } from '@aws-lambda-powertools/logger';
import { DroverError, NotFound, PreconditionFailed } from '../../domain/errors';
import { dueRun } from '../../domain/farm-tasks/next-run';
import { newId } from '../../domain/ids';
import type { FarmTask, FarmTaskRun } from '../../domain/schemas/farm-task';
import type { Clock } from '../../ports/clock';
import type { EventPublisher } from '../../ports/event-publisher';
import type { FarmScheduler } from '../../ports/farm-scheduler';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { recordAudit } from '../audit';
import { changeFarmLifecycle, type FarmLifecycleRepos } from '../farm-lifecycle';
import { type CustomEventsRepos, fireCustomEvent } from '../orchestration/custom-events';

/** Tasks one sweep takes on; the rest wait for the next sweep (a minute later), earliest first. */
export const SWEEP_LIMIT = 100;

export interface FarmTaskRunnerDeps {
  store: FarmLifecycleRepos & CustomEventsRepos & Pick<Store, 'farmTasks' | 'farmTaskRuns' | 'audit'>;
  clock: Clock;
  publisher: EventPublisher;
  scheduler: FarmScheduler;
  logger: Logger;
}

/** Runs every due task once; answers the runs made (ended, with their outcome). */
export async function runDueTasks(deps: FarmTaskRunnerDeps, limit = SWEEP_LIMIT): Promise<FarmTaskRun[]> {
  const now = deps.clock.now();
  const runs: FarmTaskRun[] = [];
  for (const listed of await deps.store.farmTasks.listDue(now, limit)) {
    const run = await runTask(deps, listed, now);
    if (run) runs.push(run);
  }
  return runs;
}

async function runTask(
  deps: FarmTaskRunnerDeps,
  listed: FarmTask,
  now: Date,
): Promise<FarmTaskRun | undefined> {
  // The due index may lag a pause or an edit: the task's own item decides.
  const task = await deps.store.farmTasks.get(
    { accountId: listed.accountId, farmId: listed.farmId },
    listed.id,
  );
  const due = task && dueRun(task, now);
  if (!task || !due) return undefined;
  if (!(await claim(deps, task, due.nextRunAt, now))) return undefined;

  const run: FarmTaskRun = {
    id: newId('farmTaskRun'),
    accountId: task.accountId,
    farmId: task.farmId,
    taskId: task.id,
    scheduledFor: due.scheduledFor.toISOString(),
    startedAt: now.toISOString(),
    action: task.action.type,
    outcome: 'running',
    error: null,
    missedRuns: due.missedRuns,
    endedAt: null,
  };
  await deps.store.farmTaskRuns.put(run);
  const error = await perform(deps, task);
  const ended: FarmTaskRun = {
    ...run,
    outcome: error ? 'failed' : 'succeeded',
    error,
    endedAt: deps.clock.now().toISOString(),
  };
  await deps.store.farmTaskRuns.put(ended);
  await recordAudit(deps, {
    accountId: task.accountId,
    environmentId: task.environmentId,
    actor: { userId: task.createdBy, via: 'system' },
    source: { client: 'system' },
    action: 'runFarmTask',
    resource: { type: 'farmTask', id: task.id, name: task.name },
    outcome: error ? 409 : 200,
    before: null,
    after: { run: ended },
  });
  return ended;
}

/** Moves the task's schedule past now; false when another sweep (or an edit) got there first. */
async function claim(
  deps: FarmTaskRunnerDeps,
  task: FarmTask,
  next: Date | null,
  now: Date,
): Promise<boolean> {
  const claimed: FarmTask = {
    ...task,
    nextRunAt: next ? next.toISOString() : null,
    lastRunAt: now.toISOString(),
    version: task.version + 1,
    updatedAt: now.toISOString(),
  };
  try {
    await deps.store.farmTasks.update(claimed, task.version);
    return true;
  } catch (err) {
    if (err instanceof PreconditionFailed || err instanceof NotFound) return false;
    throw err;
  }
}

/** Runs the task's action; answers why it failed in words, or null. */
async function perform(deps: FarmTaskRunnerDeps, task: FarmTask): Promise<string | null> {
  const principal: Principal = { accountId: task.accountId, userId: task.createdBy, via: 'system' };
  try {
    const { action } = task;
    if (action.type === 'fire-event') await fireCustomEvent(deps, principal, task.farmId, action.event);
    else await changeFarmLifecycle(deps, principal, task.farmId, action.type, undefined);
    return null;
  } catch (err) {
    // Refusals (a farm Terminated cannot suspend, a launch missing variables) are the user's to read;
    // anything else is ours, logged whole and recorded without its internals.
    if (err instanceof DroverError) return err.message;
    deps.logger.error('farm task failed', { error: err as Error, taskId: task.id, farmId: task.farmId });
    return 'internal error (see the logs)';
  }
}
