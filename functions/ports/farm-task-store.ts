// Where farm tasks and their runs are kept. Tasks live with their farm (deleted with it); the
// runner alone reads across accounts, through listDue, for the tasks whose time has come.
import type { Page, PageQuery } from '../domain/schemas/common';
import type { FarmTask, FarmTaskRun } from '../domain/schemas/farm-task';
import type { FarmScope } from './repo-scopes';

export interface FarmTaskRepo {
  get(scope: FarmScope, id: string): Promise<FarmTask | undefined>;
  /** Every task of a farm, oldest first (a farm holds at most FARM_TASKS_MAX). */
  listByFarm(scope: FarmScope): Promise<FarmTask[]>;
  /** Fails with Conflict if the id exists. */
  create(task: FarmTask): Promise<void>;
  /** Writes `task` only if the stored version is expectedVersion (PreconditionFailed otherwise). */
  update(task: FarmTask, expectedVersion: number): Promise<void>;
  delete(scope: FarmScope, id: string, expectedVersion?: number): Promise<void>;
  /**
   * Tasks of every account whose nextRunAt is at or before `now`, earliest first, at most `limit`.
   * Read from an index, so a task may show here a moment after it changed: read it again before acting.
   */
  listDue(now: Date, limit: number): Promise<FarmTask[]>;
}

export interface FarmTaskRunRepo {
  /** Records a run, or replaces it with its outcome (same id). */
  put(run: FarmTaskRun): Promise<void>;
  /** A task's runs, newest first. */
  listByTask(scope: FarmScope, taskId: string, page: PageQuery): Promise<Page<FarmTaskRun>>;
}
