// The farm-task operations of the `farms` route group (contract/farm-task-routes.ts), one service
// call each; farms.ts spreads them into the group's handler.
import * as tasks from '../../services/farm-tasks/farm-tasks';
import type { ApiDeps } from './deps';
import { type Operation, withEtag } from './operation';

export function farmTaskOperations(deps: ApiDeps): Record<string, Operation> {
  return {
    listFarmTasks: async ({ principal, params }) => tasks.listFarmTasks(deps, principal, params.farmId),
    createFarmTask: async ({ principal, params, body }) =>
      withEtag(await tasks.createFarmTask(deps, principal, params.farmId, body)),
    getFarmTask: async ({ principal, params }) =>
      withEtag(await tasks.getFarmTask(deps, principal, params.farmId, params.taskId)),
    updateFarmTask: async ({ principal, params, body, ifMatch }) =>
      withEtag(await tasks.updateFarmTask(deps, principal, params.farmId, params.taskId, body, ifMatch)),
    pauseFarmTask: async ({ principal, params }) =>
      tasks.setFarmTaskPaused(deps, principal, params.farmId, params.taskId, true),
    resumeFarmTask: async ({ principal, params }) =>
      tasks.setFarmTaskPaused(deps, principal, params.farmId, params.taskId, false),
    deleteFarmTask: async ({ principal, params, ifMatch }) => {
      await tasks.deleteFarmTask(deps, principal, params.farmId, params.taskId, ifMatch);
    },
    listFarmTaskRuns: async ({ principal, params, query }) =>
      tasks.listFarmTaskRuns(deps, principal, params.farmId, params.taskId, query),
  };
}
