'use client';
// The farm page's scheduled tasks (README "Scheduled tasks"): each task's action, its cron in its
// time zone, when it runs next and when it last ran. A list only: tasks are made and changed with
// `drover tasks` or the API.
import type { FarmTask } from '../../../functions/domain/schemas/farm-task';
import { type Column, DataTable } from '../../components/data-table';
import { TimeAgo } from '../../components/time-ago';
import { portalApi } from '../../lib/portal-client';
import { useApi } from '../../lib/use-api';

/** What a task does, in words. */
export function taskActionLabel(task: Pick<FarmTask, 'action'>): string {
  const { action } = task;
  return action.type === 'fire-event'
    ? `Fire ${action.event.name}`
    : `${action.type[0]!.toUpperCase()}${action.type.slice(1)} the farm`;
}

const columns: Column<FarmTask>[] = [
  { header: 'Task', cell: (t) => t.name },
  { header: 'Action', cell: taskActionLabel },
  { header: 'Schedule', cell: (t) => <code>{t.cron}</code>, title: (t) => t.timeZone },
  { header: 'Time zone', cell: (t) => t.timeZone },
  { header: 'Next run', cell: (t) => (t.paused ? 'Paused' : <TimeAgo iso={t.nextRunAt} />) },
  { header: 'Last run', cell: (t) => (t.lastRunAt ? <TimeAgo iso={t.lastRunAt} /> : 'Never') },
];

export function FarmTasks({ farmId }: { farmId: string }) {
  const tasks = useApi(
    `farm-tasks:${farmId}`,
    async (signal) => (await portalApi.listFarmTasks({ params: { farmId }, signal })).body.items,
  );
  return (
    <section aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">Scheduled tasks</h2>
      <DataTable
        className="farm-task-table"
        rows={tasks.data}
        rowKey={(t) => t.id}
        rowAttributes={(t) => ({ 'data-task': t.id })}
        columns={columns}
        error={tasks.error}
        onRetry={tasks.reload}
        empty={
          <>
            No scheduled tasks. Add one with <code>drover tasks create --farm …</code>.
          </>
        }
      />
    </section>
  );
}
