// Lambda entry point of the `environments` route group.
import { apiDepsFromEnvironment } from '../../composition/api';
import * as environments from '../../services/environments';
import type { ApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';
import { withEtag } from './operation';

export function createHandler(deps: ApiDeps) {
  return createGroupHandler(
    'environments',
    {
      listEnvironments: async ({ principal, query }) => environments.listEnvironments(deps, principal, query),
      createEnvironment: async ({ principal, body }) =>
        withEtag(await environments.createEnvironment(deps, principal, body)),
      getEnvironment: async ({ principal, params }) =>
        withEtag(await environments.getEnvironment(deps, principal, params.environmentId)),
      updateEnvironment: async ({ principal, params, body, ifMatch }) =>
        withEtag(await environments.updateEnvironment(deps, principal, params.environmentId, body, ifMatch)),
      deleteEnvironment: async ({ principal, params, ifMatch }) => {
        await environments.deleteEnvironment(deps, principal, params.environmentId, ifMatch);
      },
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(apiDepsFromEnvironment()));
