// Use-cases of farm tasks (Scalr's Tasks Scheduler): create, list, read, replace, pause, resume and
// delete a farm's scheduled tasks, and list their runs. The route's `farms:update` is checked by the
// authorize middleware; saving a task also needs the permission of what it will do (a user who may
// not terminate the farm may not schedule its termination), since its runs act in the creator's name.
import { can } from '../../domain/access/can';
import type { Permission } from '../../domain/access/permissions';
import { Conflict, Forbidden, NotFound } from '../../domain/errors';
import { nextRunAfter } from '../../domain/farm-tasks/next-run';
import { newId } from '../../domain/ids';
import type { PageQuery } from '../../domain/schemas/common';
import type { Farm } from '../../domain/schemas/farm';
import type { FarmTask, FarmTaskActionType, FarmTaskInput } from '../../domain/schemas/farm-task';
import type { Clock } from '../../ports/clock';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { auditWrite } from '../audit';
import { expectedVersion } from '../versions';

/** A farm keeps at most this many tasks. */
export const FARM_TASKS_MAX = 20;

/** What a task's action needs of its creator, as the same action through the API would. */
export const ACTION_PERMISSION: Record<FarmTaskActionType, Permission> = {
  launch: 'farms:launch',
  resume: 'farms:launch',
  terminate: 'farms:terminate',
  suspend: 'farms:terminate',
  'fire-event': 'orchestration:fire',
};

export type FarmTaskRepos = Pick<Store, 'farms' | 'farmTasks' | 'farmTaskRuns'>;

interface Deps {
  store: FarmTaskRepos;
  clock: Clock;
}

async function farmOf({ store }: Deps, principal: Principal, farmId: string): Promise<Farm> {
  const farm = await store.farms.get({ accountId: principal.accountId }, farmId);
  if (!farm) throw new NotFound(`Farm ${farmId} not found`);
  return farm;
}

function assertMayRun(principal: Principal, farm: Farm, input: FarmTaskInput): void {
  // The subject is what the authorize middleware resolved; a principal without one is the system's.
  if (!principal.subject) return;
  const needed = ACTION_PERMISSION[input.action.type];
  const decision = can(principal.subject, needed, {
    accountId: farm.accountId,
    environmentId: farm.environmentId,
    farm: { ownerId: farm.ownerId, ownerTeamId: farm.ownerTeamId ?? null },
  });
  if (!decision.allowed)
    throw new Forbidden(`A task that runs ${input.action.type} needs ${needed}: ${decision.reason}`);
}

function scheduled(task: FarmTask, now: Date): FarmTask {
  const next = task.paused ? null : nextRunAfter(task, now);
  return { ...task, nextRunAt: next ? next.toISOString() : null };
}

export async function listFarmTasks(deps: Deps, principal: Principal, farmId: string) {
  await farmOf(deps, principal, farmId);
  return { items: await deps.store.farmTasks.listByFarm({ accountId: principal.accountId, farmId }) };
}

export async function getFarmTask(deps: Deps, principal: Principal, farmId: string, taskId: string) {
  await farmOf(deps, principal, farmId);
  const task = await deps.store.farmTasks.get({ accountId: principal.accountId, farmId }, taskId);
  if (!task) throw new NotFound(`Task ${taskId} not found`);
  return task;
}

export async function createFarmTask(deps: Deps, principal: Principal, farmId: string, input: FarmTaskInput) {
  const farm = await farmOf(deps, principal, farmId);
  assertMayRun(principal, farm, input);
  const existing = await deps.store.farmTasks.listByFarm({ accountId: principal.accountId, farmId });
  if (existing.length >= FARM_TASKS_MAX)
    throw new Conflict(`Farm ${farm.name} already has ${FARM_TASKS_MAX} tasks, the most it may hold`);
  const now = deps.clock.now();
  const task = scheduled(
    {
      ...input,
      id: newId('farmTask'),
      accountId: farm.accountId,
      environmentId: farm.environmentId,
      farmId,
      paused: false,
      nextRunAt: null,
      lastRunAt: null,
      createdBy: principal.userId,
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    },
    now,
  );
  await deps.store.farmTasks.create(task);
  auditWrite({ before: null, after: task });
  return task;
}

/** Replaces what a task does and when; the editor becomes the one its runs act for. */
export async function updateFarmTask(
  deps: Deps,
  principal: Principal,
  farmId: string,
  taskId: string,
  input: FarmTaskInput,
  ifMatch: number | '*' | undefined,
) {
  const farm = await farmOf(deps, principal, farmId);
  assertMayRun(principal, farm, input);
  const current = await getFarmTask(deps, principal, farmId, taskId);
  expectedVersion(ifMatch, current, 'task');
  return save(deps, current, { ...current, ...input, createdBy: principal.userId });
}

export async function setFarmTaskPaused(
  deps: Deps,
  principal: Principal,
  farmId: string,
  taskId: string,
  paused: boolean,
) {
  const current = await getFarmTask(deps, principal, farmId, taskId);
  if (current.paused === paused) return current;
  return save(deps, current, { ...current, paused });
}

async function save(deps: Deps, current: FarmTask, next: FarmTask) {
  const now = deps.clock.now();
  const task = scheduled({ ...next, version: current.version + 1, updatedAt: now.toISOString() }, now);
  await deps.store.farmTasks.update(task, current.version);
  auditWrite({ before: current, after: task });
  return task;
}

export async function deleteFarmTask(
  deps: Deps,
  principal: Principal,
  farmId: string,
  taskId: string,
  ifMatch: number | '*' | undefined,
) {
  const current = await getFarmTask(deps, principal, farmId, taskId);
  if (ifMatch !== undefined) expectedVersion(ifMatch, current, 'task');
  await deps.store.farmTasks.delete({ accountId: principal.accountId, farmId }, taskId, current.version);
  auditWrite({ before: current, after: null });
}

export async function listFarmTaskRuns(
  deps: Deps,
  principal: Principal,
  farmId: string,
  taskId: string,
  page: PageQuery,
) {
  await getFarmTask(deps, principal, farmId, taskId);
  return deps.store.farmTaskRuns.listByTask({ accountId: principal.accountId, farmId }, taskId, page);
}
