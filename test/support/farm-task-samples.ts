// Samples of the farm-task routes for the route tables (route-samples.ts): a task on the sample
// farm to address, valid bodies, and bad bodies with the field path the API must name.
import type { Store } from '../../functions/ports/store';
import type { Ids } from './route-samples';

/** A paused task far in the future, so it never runs while a table test calls the routes. */
export async function createFarmTaskSamples(
  api: { post(path: string, body?: unknown): Promise<{ body: any }> },
  farmId: string,
): Promise<Pick<Ids, 'taskId'>> {
  const taskId = (
    await api.post(`/v1/farms/${farmId}/tasks`, FARM_TASK_VALID_BODIES.createFarmTask!({} as Ids))
  ).body.id;
  await api.post(`/v1/farms/${farmId}/tasks/${taskId}/pause`);
  return { taskId };
}

export const FARM_TASK_VALID_BODIES: Record<string, (ids: Ids) => unknown> = {
  createFarmTask: () => ({
    name: 'nightly stop',
    cron: '0 19 * * 1-5',
    timeZone: 'Europe/Berlin',
    action: { type: 'suspend' },
  }),
  updateFarmTask: () => ({
    name: 'morning start',
    cron: '0 7 * * 1-5',
    timeZone: 'Europe/Berlin',
    action: { type: 'resume' },
  }),
};

const task = { name: 't', cron: '0 19 * * *', timeZone: 'UTC', action: { type: 'terminate' } };

export const FARM_TASK_BAD_BODIES: Record<
  string,
  { why: string; body: (ids: Ids) => unknown; path: string }[]
> = {
  createFarmTask: [
    { why: 'a minute of 61', body: () => ({ ...task, cron: '61 * * * *' }), path: 'cron' },
    { why: 'a seconds field', body: () => ({ ...task, cron: '0 0 19 * * *' }), path: 'cron' },
    { why: 'an unknown time zone', body: () => ({ ...task, timeZone: 'Europe/Atlantis' }), path: 'timeZone' },
    { why: 'an unknown action', body: () => ({ ...task, action: { type: 'reboot' } }), path: 'action.type' },
    {
      why: 'an event name Drover raises',
      body: () => ({ ...task, action: { type: 'fire-event', event: { name: 'HostUp' } } }),
      path: 'action.event.name',
    },
  ],
  updateFarmTask: [{ why: 'an empty cron', body: () => ({ ...task, cron: '' }), path: 'cron' }],
};

/**
 * Points a task's schedule at `at` in the past, as the store holds it after the runner was down:
 * the runtime's runner then takes it on its next tick.
 */
export async function makeTaskDue(
  store: Pick<Store, 'farmTasks'>,
  task: { accountId: string; farmId: string; id: string },
  at: Date,
): Promise<void> {
  const stored = (await store.farmTasks.get(task, task.id))!;
  await store.farmTasks.update(
    { ...stored, nextRunAt: at.toISOString(), version: stored.version + 1 },
    stored.version,
  );
}
