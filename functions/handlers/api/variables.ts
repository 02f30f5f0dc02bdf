// Lambda entry point of the `variables` route group: the declarations of each scope and the
// resolved view of a farm role.
import { apiDepsFromEnvironment } from '../../composition/api';
import type { VariableTarget } from '../../domain/variables';
import * as scopes from '../../services/variables/scope-variables';
import type { ApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';
import type { Operation } from './operation';
import { withEtag } from './operation';

type Params = Record<string, string>;

const TARGETS: Record<string, (p: Params) => VariableTarget> = {
  Account: () => ({ scope: 'account' }),
  Environment: (p) => ({ scope: 'environment', environmentId: p.environmentId! }),
  Role: (p) => ({ scope: 'role', roleId: p.roleId! }),
  Farm: (p) => ({ scope: 'farm', farmId: p.farmId! }),
  FarmRole: (p) => ({ scope: 'farmRole', farmId: p.farmId!, farmRoleId: p.farmRoleId! }),
  Server: (p) => ({ scope: 'server', farmId: p.farmId!, serverId: p.serverId! }),
};

export function createHandler(deps: ApiDeps) {
  const operations: Record<string, Operation> = {
    getResolvedFarmRoleVariables: async ({ principal, params }) =>
      scopes.getResolvedFarmRoleVariables(deps, principal, params.farmId, params.farmRoleId),
  };
  for (const [name, target] of Object.entries(TARGETS)) {
    operations[`get${name}Variables`] = async ({ principal, params }) =>
      withEtag(await scopes.getScopeVariables(deps, principal, target(params)));
    operations[`put${name}Variables`] = async ({ principal, params, body, ifMatch }) =>
      withEtag(await scopes.putScopeVariables(deps, principal, target(params), body, ifMatch));
  }
  return createGroupHandler('variables', operations, deps);
}

export const handler = lazyHandler(() => createHandler(apiDepsFromEnvironment()));
