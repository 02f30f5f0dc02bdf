// Lambda entry point of the `agent` route group: drover-agent's lifecycle reports, its tasks
// (fetch, start, output, result), metrics and custom events, all authenticated by the server's
// own token (see middleware/authenticate.ts), which is the only scope these operations take.
import { apiDepsFromEnvironment } from '../../composition/api';
import { fireAgentCustomEvent } from '../../services/agent-custom-events';
import { reportAgentEvent } from '../../services/agent-reports';
import {
  appendAgentTaskOutput,
  finishAgentTask,
  listAgentTasks,
  startAgentTask,
} from '../../services/agent-tasks';
import { orchestrateEvent } from '../../services/orchestration/orchestrate-event';
import { recordAgentMetrics } from '../../services/scaling/agent-samples';
import type { ApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';

const state = (e: { id: string; status: string }) => ({ executionId: e.id, status: e.status });

export function createHandler(deps: ApiDeps) {
  return createGroupHandler(
    'agent',
    {
      reportAgentEvent: async ({ principal, body }) => {
        const { event, ...answer } = await reportAgentEvent(deps, principal.agent, body);
        if (body.name !== 'BeforeHostUp' || !event) return answer;
        // The agent fetches its BeforeHostUp tasks right after this answer: they must exist by
        // then, so this event is orchestrated here as well as from the bus (ids make it once-only).
        const outcome = await orchestrateEvent(deps, event);
        return { ...answer, executionIds: outcome.executionIds };
      },
      listAgentTasks: async ({ principal }) => ({ items: await listAgentTasks(deps, principal.agent) }),
      startAgentTask: async ({ principal, params }) =>
        state(await startAgentTask(deps, principal.agent, params.executionId)),
      appendAgentTaskOutput: async ({ principal, params, body }) => {
        await appendAgentTaskOutput(deps, principal.agent, params.executionId, body);
      },
      finishAgentTask: async ({ principal, params, body }) =>
        state(await finishAgentTask(deps, principal.agent, params.executionId, body)),
      reportAgentMetrics: async ({ principal, body }) => {
        await recordAgentMetrics(deps, principal.agent, body);
      },
      fireAgentCustomEvent: async ({ principal, body }) => fireAgentCustomEvent(deps, principal.agent, body),
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(apiDepsFromEnvironment()));
