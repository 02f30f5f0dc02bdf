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
      listRoles: async ({ principal, query }) => ({
        status: 200,
        body: await roles.listRoles(deps, principal, query),
      }),
      createRole: async ({ principal, body }) => withEtag(201, await roles.createRole(deps, principal, body)),
      getRole: async ({ principal, params }) =>
        withEtag(200, await roles.getRole(deps, principal, params.roleId)),
      updateRole: async ({ principal, params, body, ifMatch }) =>
        withEtag(200, await roles.updateRole(deps, principal, params.roleId, body, ifMatch)),
      deleteRole: async ({ principal, params, ifMatch }) => {
        await roles.deleteRole(deps, principal, params.roleId, ifMatch);
        return { status: 204 };
      },
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(apiDepsFromEnvironment()));
