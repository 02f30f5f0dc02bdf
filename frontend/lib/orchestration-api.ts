// The portal's client of the orchestration API group (functions/contract/orchestration-routes.ts):
// scripts and their versions, orchestration rules, executions per farm / server / script, one
// execution with its output, and custom events fired on a farm, through the generated client.
// Writes of versioned items send the item's version as If-Match.
import type { z } from 'zod';
import type { Page } from '../../functions/domain/schemas/common';
import type { CustomEventInput } from '../../functions/domain/schemas/custom-event';
import type { FarmEvent } from '../../functions/domain/schemas/farm-event';
import type {
  Execution,
  OrchestrationRule,
  OrchestrationRuleInput,
  RuleScope,
  Script,
  ScriptInput,
  ScriptVersion,
} from '../../functions/domain/schemas/orchestration';
import { all, type PageRequest } from './api-client';
import { portalApi } from './portal-client';

/** What a custom event carries: a name, a JSON object, and optionally the server it is about. */
export type CustomEvent = z.input<typeof CustomEventInput>;

const scriptParams = (script: Script) => ({ scriptId: script.id });
const ruleParams = (rule: OrchestrationRule) => ({ ruleId: rule.id });

export const orchestrationApi = {
  allScripts(signal?: AbortSignal): Promise<Script[]> {
    return all(async (page: PageRequest) => (await portalApi.listScripts({ query: page, signal })).body);
  },
  async getScript(scriptId: string, signal?: AbortSignal): Promise<Script> {
    return (await portalApi.getScript({ params: { scriptId }, signal })).body;
  },
  async createScript(input: ScriptInput): Promise<Script> {
    return (await portalApi.createScript({ body: input })).body;
  },
  /** Every save is a new version; If-Match keeps two editors from overwriting each other. */
  async updateScript(script: Script, input: ScriptInput): Promise<Script> {
    const params = scriptParams(script);
    return (await portalApi.updateScript({ params, body: input, ifMatch: script.version })).body;
  },
  async deleteScript(script: Script): Promise<void> {
    await portalApi.deleteScript({ params: scriptParams(script), ifMatch: script.version });
  },
  allScriptVersions(scriptId: string, signal?: AbortSignal): Promise<ScriptVersion[]> {
    return all(
      async (page: PageRequest) =>
        (await portalApi.listScriptVersions({ params: { scriptId }, query: page, signal })).body,
    );
  },
  async getScriptVersion(scriptId: string, number: number, signal?: AbortSignal): Promise<ScriptVersion> {
    return (await portalApi.getScriptVersion({ params: { scriptId, number }, signal })).body;
  },

  allRules(signal?: AbortSignal): Promise<OrchestrationRule[]> {
    return all(
      async (page: PageRequest) => (await portalApi.listOrchestrationRules({ query: page, signal })).body,
    );
  },
  async createRule(input: OrchestrationRuleInput): Promise<OrchestrationRule> {
    return (await portalApi.createOrchestrationRule({ body: input })).body;
  },
  async updateRule(rule: OrchestrationRule, input: OrchestrationRuleInput): Promise<OrchestrationRule> {
    const params = ruleParams(rule);
    return (await portalApi.updateOrchestrationRule({ params, body: input, ifMatch: rule.version })).body;
  },
  async deleteRule(rule: OrchestrationRule): Promise<void> {
    await portalApi.deleteOrchestrationRule({ params: ruleParams(rule), ifMatch: rule.version });
  },

  async listFarmExecutions(
    farmId: string,
    page: PageRequest = {},
    signal?: AbortSignal,
  ): Promise<Page<Execution>> {
    return (await portalApi.listFarmExecutions({ params: { farmId }, query: page, signal })).body;
  },
  async listServerExecutions(
    farmId: string,
    serverId: string,
    page: PageRequest = {},
    signal?: AbortSignal,
  ): Promise<Page<Execution>> {
    const params = { farmId, serverId };
    return (await portalApi.listServerExecutions({ params, query: page, signal })).body;
  },
  async listScriptExecutions(
    scriptId: string,
    page: PageRequest = {},
    signal?: AbortSignal,
  ): Promise<Page<Execution>> {
    return (await portalApi.listScriptExecutions({ params: { scriptId }, query: page, signal })).body;
  },
  async getExecution(executionId: string, signal?: AbortSignal): Promise<Execution> {
    return (await portalApi.getExecution({ params: { executionId }, signal })).body;
  },

  async fireEvent(farmId: string, event: CustomEvent): Promise<FarmEvent> {
    return (await portalApi.fireFarmEvent({ params: { farmId }, body: event })).body;
  },
};

export type {
  Execution,
  OrchestrationRule,
  OrchestrationRuleInput,
  RuleScope,
  Script,
  ScriptInput,
  ScriptVersion,
};
