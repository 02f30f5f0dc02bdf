// Lambda entry point of the `farms` route group.
import { apiDepsFromEnvironment } from '../../composition/api';
import { planFarmChange, planNewFarm } from '../../services/farm-plans/plan-farm-change';
import * as farms from '../../services/farms';
import type { ApiDeps } from './deps';
import { farmScalingOperations } from './farm-scaling';
import { farmTaskOperations } from './farm-tasks';
import { createGroupHandler, lazyHandler } from './group-handler';
import { withEtag } from './operation';

export function createHandler(deps: ApiDeps) {
  return createGroupHandler(
    'farms',
    {
      listFarms: async ({ principal, params, query }) =>
        farms.listFarms(deps, principal, params.environmentId, query),
      createFarm: async ({ principal, params, body }) =>
        withEtag(await farms.createFarm(deps, principal, params.environmentId, body)),
      getFarm: async ({ principal, params }) => withEtag(await farms.getFarm(deps, principal, params.farmId)),
      updateFarm: async ({ principal, params, body, ifMatch }) =>
        withEtag(await farms.updateFarm(deps, principal, params.farmId, body, ifMatch)),
      deleteFarm: async ({ principal, params, ifMatch }) => {
        await farms.deleteFarm(deps, principal, params.farmId, ifMatch);
      },
      getFarmStatus: async ({ principal, params }) => farms.getFarmStatus(deps, principal, params.farmId),
      planFarm: async ({ principal, params, body }) => planFarmChange(deps, principal, params.farmId, body),
      planNewFarm: async ({ principal, params, body }) =>
        planNewFarm(deps, principal, params.environmentId, body),
      ...farmTaskOperations(deps),
      ...farmScalingOperations(deps),
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(apiDepsFromEnvironment()));
