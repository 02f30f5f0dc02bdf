// Lambda entry point of the `agent` route group: reports from drover-agent, authenticated by
// the server's own token (see middleware/authenticate.ts).
import { reportAgentEvent } from '../../services/agent-reports';
import type { ApiDeps } from './deps';
import { fromEnvironment } from './deps-from-environment';
import { createGroupHandler, lazyHandler } from './group-handler';

export function createHandler(deps: ApiDeps) {
  return createGroupHandler(
    'agent',
    {
      reportAgentEvent: async ({ principal, body }) => ({
        status: 200,
        body: await reportAgentEvent(deps, principal.agent, body),
      }),
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(fromEnvironment()));
