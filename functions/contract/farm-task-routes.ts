// Farm tasks' part of the API routing table (routes.ts spreads it into API_ROUTES), in the `farms`
// group: a farm's scheduled tasks (launch, terminate, suspend, resume, fire an event on a cron
// expression in a time zone), pausing them, and their runs.
import { z } from 'zod';
import { idOf, PageQuery, pageOf } from '../domain/schemas/common';
import { FarmTask, FarmTaskInput, FarmTaskRun } from '../domain/schemas/farm-task';
import { FarmParams } from './path-params';
import { type RouteDef, routeOf } from './route-def';

const TaskParams = FarmParams.extend({ taskId: idOf('farmTask') });
const TASKS = '/api/v1/farms/{farmId}/tasks';

const route = routeOf('farms', true);

export const FARM_TASK_ROUTES = [
  route({
    operationId: 'listFarmTasks',
    method: 'GET',
    path: TASKS,
    summary: "A farm's scheduled tasks with their next run (a farm holds at most 20)",
    access: 'farms:view',
    params: FarmParams,
    response: { status: 200, schema: z.object({ items: z.array(FarmTask) }) },
  }),
  route({
    operationId: 'createFarmTask',
    method: 'POST',
    path: TASKS,
    summary:
      "Schedule a task on a farm (it runs with its creator's permissions, which must allow its action)",
    access: 'farms:update',
    params: FarmParams,
    body: FarmTaskInput,
    response: { status: 201, schema: FarmTask },
  }),
  route({
    operationId: 'getFarmTask',
    method: 'GET',
    path: `${TASKS}/{taskId}`,
    summary: 'One scheduled task',
    access: 'farms:view',
    params: TaskParams,
    response: { status: 200, schema: FarmTask },
    versioned: true,
  }),
  route({
    operationId: 'updateFarmTask',
    method: 'PUT',
    path: `${TASKS}/{taskId}`,
    summary: 'Replace a scheduled task (If-Match required); its runs then act for the editor',
    access: 'farms:update',
    params: TaskParams,
    body: FarmTaskInput,
    response: { status: 200, schema: FarmTask },
    versioned: true,
  }),
  route({
    operationId: 'pauseFarmTask',
    method: 'POST',
    path: `${TASKS}/{taskId}/pause`,
    summary: 'Pause a task: it keeps its schedule but does not run',
    access: 'farms:update',
    params: TaskParams,
    response: { status: 200, schema: FarmTask },
  }),
  route({
    operationId: 'resumeFarmTask',
    method: 'POST',
    path: `${TASKS}/{taskId}/resume`,
    summary: 'Resume a paused task from its next occurrence (what fell due while paused does not run)',
    access: 'farms:update',
    params: TaskParams,
    response: { status: 200, schema: FarmTask },
  }),
  route({
    operationId: 'deleteFarmTask',
    method: 'DELETE',
    path: `${TASKS}/{taskId}`,
    summary: 'Delete a scheduled task (its runs go with their retention)',
    access: 'farms:update',
    params: TaskParams,
    versioned: true,
  }),
  route({
    operationId: 'listFarmTaskRuns',
    method: 'GET',
    path: `${TASKS}/{taskId}/runs`,
    summary: "A task's runs, newest first: when, what, the outcome and why it failed",
    access: 'farms:view',
    params: TaskParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(FarmTaskRun) },
  }),
] as const satisfies readonly RouteDef[];
