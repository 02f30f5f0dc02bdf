// The scaling operations of the `farms` route group (contract/scaling-routes.ts), one service
// call each; farms.ts spreads them into the group's handler.
import { getFarmRoleScaling, pushFarmRoleMetrics } from '../../services/scaling/farm-role-scaling';
import type { ApiDeps } from './deps';
import type { Operation } from './operation';

export function farmScalingOperations(deps: ApiDeps): Record<string, Operation> {
  return {
    pushFarmRoleMetrics: async ({ principal, params, body }) =>
      pushFarmRoleMetrics(deps, principal, params.farmId, params.alias, body),
    getFarmRoleScaling: async ({ principal, params }) =>
      getFarmRoleScaling(deps, principal, params.farmId, params.alias),
  };
}
