// Lambda entry point of the `credentials` route group. Secrets go in, never out.
import { createCloudDriverFactory } from '../../adapters/clouds/driver-factory';
import { apiDepsFromEnvironment } from '../../composition/api';
import { egressFromEnvironment } from '../../composition/egress-from-environment';
import * as credentials from '../../services/credentials';
import type { ApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';
import { withEtag } from './operation';

export function createHandler(deps: ApiDeps) {
  return createGroupHandler(
    'credentials',
    {
      listCredentials: async ({ principal, params, query }) =>
        credentials.listCredentials(deps, principal, params.environmentId, query),
      createCredentials: async ({ principal, params, body }) =>
        withEtag(await credentials.createCredentials(deps, principal, params.environmentId, body)),
      getCredentials: async ({ principal, params }) =>
        withEtag(
          (await credentials.getCredentials(deps, principal, params.environmentId, params.credentialsId))
            .credentials,
        ),
      updateCredentials: async ({ principal, params, body, ifMatch }) =>
        withEtag(
          await credentials.updateCredentials(
            deps,
            principal,
            params.environmentId,
            params.credentialsId,
            body,
            ifMatch,
          ),
        ),
      deleteCredentials: async ({ principal, params, ifMatch }) => {
        await credentials.deleteCredentials(
          deps,
          principal,
          params.environmentId,
          params.credentialsId,
          ifMatch,
        );
      },
      testCredentials: async ({ principal, params }) =>
        credentials.testCredentials(deps, principal, params.environmentId, params.credentialsId),
      listCredentialsLocations: async ({ principal, params }) =>
        credentials.describeCredentialsLocations(deps, principal, params.environmentId, params.credentialsId),
      listCredentialsInstanceTypes: async ({ principal, params, query }) =>
        credentials.describeCredentialsInstanceTypes(
          deps,
          principal,
          params.environmentId,
          params.credentialsId,
          query.region,
        ),
      listCredentialsPlacementChoices: async ({ principal, params, query }) =>
        credentials.describeCredentialsPlacementChoices(
          deps,
          principal,
          params.environmentId,
          params.credentialsId,
          query.region,
        ),
    },
    deps,
  );
}

export const handler = lazyHandler(() =>
  createHandler(apiDepsFromEnvironment({ drivers: createCloudDriverFactory(egressFromEnvironment()) })),
);
