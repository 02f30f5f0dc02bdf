// Lambda entry point of the `lifecycle` route group: launch, terminate, suspend, resume.
import { apiDepsFromEnvironment } from '../../composition/api';
import { changeFarmLifecycle } from '../../services/farm-lifecycle';
import type { ApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';
import { type Operation, withEtag } from './operation';

export function createHandler(deps: ApiDeps) {
  const verb =
    (name: 'launch' | 'terminate' | 'suspend' | 'resume'): Operation =>
    async ({ principal, params, ifMatch }) =>
      withEtag(await changeFarmLifecycle(deps, principal, params.farmId, name, ifMatch));
  return createGroupHandler(
    'lifecycle',
    {
      launchFarm: verb('launch'),
      terminateFarm: verb('terminate'),
      suspendFarm: verb('suspend'),
      resumeFarm: verb('resume'),
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(apiDepsFromEnvironment()));
