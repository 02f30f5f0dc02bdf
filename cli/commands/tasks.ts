// `drover tasks …`: a farm's scheduled tasks (README "Scheduled tasks"): list, create, pause,
// resume, delete, and a task's runs. A task is named by its name or id within the farm; create
// checks the task with the API's own schema first, so a bad cron or zone is a usage error naming
// the flag before anything is sent.
import type { Command } from 'commander';
import { type FarmTask, FarmTaskInput, type FarmTaskRun } from '../../functions/domain/schemas/farm-task';
import { type Context, contextOf } from '../context';
import { usageError } from '../errors';
import { type Column, type Io, notice, printData, printList, renderTable } from '../output';
import { byId, byName, type FoundFarm, getFarm } from '../resolve';

const FLAG_OF: Record<string, string> = {
  name: '--name',
  cron: '--cron',
  timeZone: '--time-zone',
  action: '--action',
};

const taskColumns: Column<FarmTask>[] = [
  { header: 'name', value: (t) => t.name },
  {
    header: 'action',
    value: (t) => (t.action.type === 'fire-event' ? `fire ${t.action.event.name}` : t.action.type),
  },
  { header: 'cron', value: (t) => t.cron },
  { header: 'time zone', value: (t) => t.timeZone },
  { header: 'next run', value: (t) => (t.paused ? 'paused' : (t.nextRunAt ?? 'never')) },
  { header: 'last run', value: (t) => t.lastRunAt ?? '-' },
  { header: 'id', value: (t) => t.id },
];

const runColumns: Column<FarmTaskRun>[] = [
  { header: 'scheduled for', value: (r) => r.scheduledFor },
  { header: 'started', value: (r) => r.startedAt },
  { header: 'action', value: (r) => r.action },
  {
    header: 'outcome',
    value: (r) => r.outcome,
    paint: (text, p) => (text === 'failed' ? p.red(text) : p.green(text)),
  },
  { header: 'missed', value: (r) => String(r.missedRuns) },
  { header: 'error', value: (r) => r.error ?? '' },
];

interface CreateOptions {
  farm: string;
  name: string;
  cron: string;
  timeZone?: string;
  action: string;
  event?: string;
  payload?: string;
}

function taskInput(opts: CreateOptions) {
  let payload: unknown = {};
  if (opts.payload !== undefined) {
    try {
      payload = JSON.parse(opts.payload);
    } catch {
      throw usageError('--payload must be a JSON object, e.g. \'{"reason":"nightly"}\'.');
    }
  }
  const action =
    opts.action === 'fire-event'
      ? { type: opts.action, event: { name: opts.event, payload } }
      : { type: opts.action };
  const parsed = FarmTaskInput.safeParse({
    name: opts.name,
    cron: opts.cron,
    ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
    action,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const [field, ...rest] = issue.path.map(String);
  const flag =
    field === 'action' && rest[0] === 'event'
      ? rest[1] === 'payload'
        ? '--payload'
        : '--event'
      : FLAG_OF[field ?? ''];
  throw usageError(`${flag ?? field}: ${issue.message}.`);
}

async function findTask(ctx: Context, farmRef: string, ref: string) {
  const { farm } = await getFarm(ctx.api, await ctx.environment(), farmRef);
  const tasks = (await ctx.api.listFarmTasks({ params: { farmId: farm.id } })).body.items;
  const task = byId(tasks, ref) ?? byName(tasks, ref);
  if (!task)
    throw usageError(`No task ${ref} on farm ${farm.name}.`, [
      `List them with: drover tasks list --farm ${farm.name}`,
    ]);
  return { farm, task };
}

export function registerTasks(program: Command, io: Io): void {
  const tasks = program
    .command('tasks')
    .description("A farm's scheduled tasks: launch, terminate, suspend, resume or fire an event on a cron");
  tasks
    .command('list', { isDefault: true })
    .description("List a farm's tasks with their next run")
    .requiredOption('--farm <name|id>', 'the farm')
    .action(async (opts: { farm: string }, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const { farm } = await getFarm(ctx.api, await ctx.environment(), opts.farm);
      const items = (await ctx.api.listFarmTasks({ params: { farmId: farm.id } })).body.items;
      await printList(io, ctx.format, items, taskColumns, `Farm ${farm.name} has no scheduled tasks.`);
    });
  registerCreate(tasks, io);
  registerTaskVerbs(tasks, io);
}

function registerCreate(tasks: Command, io: Io): void {
  tasks
    .command('create')
    .description('Schedule a task on a farm (it runs with your permissions)')
    .requiredOption('--farm <name|id>', 'the farm')
    .requiredOption('--name <name>', 'what to call the task')
    .requiredOption(
      '--cron <expression>',
      'five fields: minute hour day-of-month month day-of-week, or @daily…',
    )
    .option('--time-zone <zone>', 'the IANA time zone the expression is read in (default UTC)')
    .requiredOption('--action <action>', 'launch | terminate | suspend | resume | fire-event')
    .option('--event <name>', 'the custom event to fire (with --action fire-event)')
    .option('--payload <json>', 'the event payload, a JSON object (with --action fire-event)')
    .addHelpText(
      'after',
      '\nExample:\n  drover tasks create --farm web --name nightly --cron "0 19 * * 1-5" --time-zone Europe/Berlin --action suspend',
    )
    .action(async (opts: CreateOptions, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const body = taskInput(opts);
      const { farm } = await getFarm(ctx.api, await ctx.environment(), opts.farm);
      const task = (await ctx.api.createFarmTask({ params: { farmId: farm.id }, body })).body;
      await printData(io, ctx.format, task, (p) => renderTable(taskColumns, [task], p));
    });
}

/** pause, resume, delete and runs: each names one task of a farm. */
function registerTaskVerbs(tasks: Command, io: Io): void {
  const verb = (
    name: string,
    description: string,
    act: (ctx: Context, farm: FoundFarm['farm'], task: FarmTask) => Promise<void>,
  ) =>
    tasks
      .command(name)
      .description(description)
      .argument('<task>', 'the task, by name or id')
      .requiredOption('--farm <name|id>', 'the farm')
      .action(async (ref: string, opts: { farm: string }, cmd: Command) => {
        const ctx = contextOf(cmd, io);
        const { farm, task } = await findTask(ctx, opts.farm, ref);
        await act(ctx, farm, task);
      });
  const show = (ctx: Context, task: FarmTask) =>
    printData(io, ctx.format, task, (p) => renderTable(taskColumns, [task], p));

  verb('pause', 'Pause a task: it keeps its schedule but does not run', async (ctx, farm, task) =>
    show(ctx, (await ctx.api.pauseFarmTask({ params: { farmId: farm.id, taskId: task.id } })).body),
  );
  verb('resume', 'Resume a paused task from its next occurrence', async (ctx, farm, task) =>
    show(ctx, (await ctx.api.resumeFarmTask({ params: { farmId: farm.id, taskId: task.id } })).body),
  );
  verb('delete', 'Delete a task', async (ctx, farm, task) => {
    await ctx.api.deleteFarmTask({ params: { farmId: farm.id, taskId: task.id }, ifMatch: task.version });
    notice(io, `Deleted task ${task.name} of farm ${farm.name}.`);
  });
  verb(
    'runs',
    "A task's runs, newest first: when, what, the outcome and why it failed",
    async (ctx, farm, task) => {
      const params = { farmId: farm.id, taskId: task.id };
      const runs = (await ctx.api.listFarmTaskRuns({ params, query: { limit: 50 } })).body.items;
      await printList(io, ctx.format, runs, runColumns, `Task ${task.name} has not run yet.`);
    },
  );
}
