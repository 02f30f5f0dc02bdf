// Lambda entry point of the `orchestration` route group: scripts (every save a version), rules,
// and executions per farm, server and script.
import { apiDepsFromEnvironment } from '../../composition/api';
import * as executions from '../../services/orchestration/executions';
import * as rules from '../../services/orchestration/rules';
import * as scripts from '../../services/orchestration/scripts';
import type { ApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';
import { withEtag } from './operation';

export type OrchestrationApiDeps = Pick<
  ApiDeps,
  'authenticator' | 'agentTokens' | 'logger' | 'store' | 'clock'
>;

export function createHandler(deps: OrchestrationApiDeps) {
  return createGroupHandler(
    'orchestration',
    {
      listScripts: async ({ principal, query }) => scripts.listScripts(deps, principal, query),
      createScript: async ({ principal, body }) =>
        withEtag(await scripts.createScript(deps, principal, body)),
      getScript: async ({ principal, params }) =>
        withEtag(await scripts.getScript(deps, principal, params.scriptId)),
      updateScript: async ({ principal, params, body, ifMatch }) =>
        withEtag(await scripts.updateScript(deps, principal, params.scriptId, body, ifMatch)),
      deleteScript: async ({ principal, params, ifMatch }) => {
        await scripts.deleteScript(deps, principal, params.scriptId, ifMatch);
      },
      listScriptVersions: async ({ principal, params, query }) =>
        scripts.listScriptVersions(deps, principal, params.scriptId, query),
      getScriptVersion: async ({ principal, params }) =>
        scripts.getScriptVersion(deps, principal, params.scriptId, params.number),
      listScriptExecutions: async ({ principal, params, query }) =>
        executions.listScriptExecutions(deps, principal, params.scriptId, query),

      listOrchestrationRules: async ({ principal, query }) => rules.listRules(deps, principal, query),
      createOrchestrationRule: async ({ principal, body }) =>
        withEtag(await rules.createRule(deps, principal, body)),
      getOrchestrationRule: async ({ principal, params }) =>
        withEtag(await rules.getRule(deps, principal, params.ruleId)),
      updateOrchestrationRule: async ({ principal, params, body, ifMatch }) =>
        withEtag(await rules.updateRule(deps, principal, params.ruleId, body, ifMatch)),
      deleteOrchestrationRule: async ({ principal, params, ifMatch }) => {
        await rules.deleteRule(deps, principal, params.ruleId, ifMatch);
      },

      listFarmExecutions: async ({ principal, params, query }) =>
        executions.listFarmExecutions(deps, principal, params.farmId, query),
      listServerExecutions: async ({ principal, params, query }) =>
        executions.listServerExecutions(deps, principal, params.farmId, params.serverId, query),
      getExecution: async ({ principal, params }) =>
        executions.getExecution(deps, principal, params.executionId),
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(apiDepsFromEnvironment()));
