// Lambda entry point of the `roles` route group.
import { apiDepsFromEnvironment } from '../../composition/api';
import * as roles from '../../services/roles';
import type { ApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';
import { withEtag } from './operation';

export function createHandler(deps: ApiDeps) {
  return createGroupHandler(
    'roles',
    {
      listRoles: async ({ principal, query }) => roles.listRoles(deps, principal, query),
      createRole: async ({ principal, body }) => withEtag(await roles.createRole(deps, principal, body)),
      getRole: async ({ principal, params }) => withEtag(await roles.getRole(deps, principal, params.roleId)),
      updateRole: async ({ principal, params, body, ifMatch }) =>
        withEtag(await roles.updateRole(deps, principal, params.roleId, body, ifMatch)),
      deleteRole: async ({ principal, params, ifMatch }) => {
        await roles.deleteRole(deps, principal, params.roleId, ifMatch);
      },
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(apiDepsFromEnvironment()));
