// Lambda entry point of the `servers` route group: a farm's servers and event log.
import { createCloudDriverFactory } from '../../adapters/clouds/driver-factory';
import { apiDepsFromEnvironment } from '../../composition/api';
import { egressFromEnvironment } from '../../composition/egress-from-environment';
import { fireCustomEvent } from '../../services/orchestration/custom-events';
import * as servers from '../../services/servers';
import type { ApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';

export function createHandler(deps: ApiDeps) {
  return createGroupHandler(
    'servers',
    {
      listServers: async ({ principal, params, query }) => ({
        items: await servers.listServers(deps, principal, params.farmId, query.status),
      }),
      terminateServer: async ({ principal, params }) =>
        servers.terminateServer(deps, principal, params.farmId, params.serverId),
      rebootServer: async ({ principal, params }) =>
        servers.rebootServer(deps, principal, params.farmId, params.serverId),
      listFarmEvents: async ({ principal, params, query }) =>
        servers.listFarmEvents(deps, principal, params.farmId, query),
      fireFarmEvent: async ({ principal, params, body }) =>
        fireCustomEvent(deps, principal, params.farmId, body),
    },
    deps,
  );
}

export const handler = lazyHandler(() =>
  createHandler(apiDepsFromEnvironment({ drivers: createCloudDriverFactory(egressFromEnvironment()) })),
);
