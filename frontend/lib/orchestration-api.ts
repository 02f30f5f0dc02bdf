// The portal's client of the orchestration API group (functions/handlers/api/orchestration-routes.ts):
// scripts and their versions, orchestration rules, executions per farm / server / script, one
// execution with its output, and custom events fired on a farm. Answers are parsed with the
// shared schemas; writes of versioned items send If-Match from the item's version.
import { z } from 'zod';
import { type Page, pageOf } from '../../functions/domain/schemas/common';
import { FarmEvent } from '../../functions/domain/schemas/farm-event';
import {
  Execution,
  OrchestrationRule,
  type OrchestrationRuleInput,
  type RuleScope,
  Script,
  type ScriptInput,
  ScriptVersion,
} from '../../functions/domain/schemas/orchestration';
import { all, type PageRequest, request } from './api-client';

const ScriptPage = pageOf(Script);
const ScriptVersionPage = pageOf(ScriptVersion);
const RulePage = pageOf(OrchestrationRule);
const ExecutionPage = pageOf(Execution);
const NoContent = z.undefined();

const id = (value: string) => encodeURIComponent(value);
const etagOf = (version: number) => `"${version}"`;
const SCRIPTS = '/scripts';
const RULES = '/orchestration-rules';

/** What a custom event carries: a name, a JSON object, and optionally the server it is about. */
export interface CustomEvent {
  name: string;
  payload: Record<string, unknown>;
  serverId?: string;
}

export const orchestrationApi = {
  allScripts(signal?: AbortSignal): Promise<Script[]> {
    return all(
      async (page: PageRequest) =>
        (await request(SCRIPTS, { query: { ...page }, schema: ScriptPage, signal })).data,
    );
  },
  async getScript(scriptId: string, signal?: AbortSignal): Promise<Script> {
    return (await request(`${SCRIPTS}/${id(scriptId)}`, { schema: Script, signal })).data;
  },
  async createScript(input: ScriptInput): Promise<Script> {
    return (await request(SCRIPTS, { method: 'POST', body: input, schema: Script })).data;
  },
  /** Every save is a new version; If-Match keeps two editors from overwriting each other. */
  async updateScript(script: Script, input: ScriptInput): Promise<Script> {
    const path = `${SCRIPTS}/${id(script.id)}`;
    const ifMatch = etagOf(script.version);
    return (await request(path, { method: 'PUT', body: input, ifMatch, schema: Script })).data;
  },
  async deleteScript(script: Script): Promise<void> {
    const path = `${SCRIPTS}/${id(script.id)}`;
    await request(path, { method: 'DELETE', ifMatch: etagOf(script.version), schema: NoContent });
  },
  allScriptVersions(scriptId: string, signal?: AbortSignal): Promise<ScriptVersion[]> {
    const path = `${SCRIPTS}/${id(scriptId)}/versions`;
    return all(
      async (page: PageRequest) =>
        (await request(path, { query: { ...page }, schema: ScriptVersionPage, signal })).data,
    );
  },
  async getScriptVersion(scriptId: string, number: number, signal?: AbortSignal): Promise<ScriptVersion> {
    const path = `${SCRIPTS}/${id(scriptId)}/versions/${number}`;
    return (await request(path, { schema: ScriptVersion, signal })).data;
  },

  allRules(signal?: AbortSignal): Promise<OrchestrationRule[]> {
    return all(
      async (page: PageRequest) =>
        (await request(RULES, { query: { ...page }, schema: RulePage, signal })).data,
    );
  },
  async createRule(input: OrchestrationRuleInput): Promise<OrchestrationRule> {
    return (await request(RULES, { method: 'POST', body: input, schema: OrchestrationRule })).data;
  },
  async updateRule(rule: OrchestrationRule, input: OrchestrationRuleInput): Promise<OrchestrationRule> {
    const path = `${RULES}/${id(rule.id)}`;
    const ifMatch = etagOf(rule.version);
    return (await request(path, { method: 'PUT', body: input, ifMatch, schema: OrchestrationRule })).data;
  },
  async deleteRule(rule: OrchestrationRule): Promise<void> {
    const path = `${RULES}/${id(rule.id)}`;
    await request(path, { method: 'DELETE', ifMatch: etagOf(rule.version), schema: NoContent });
  },

  async listFarmExecutions(
    farmId: string,
    page: PageRequest = {},
    signal?: AbortSignal,
  ): Promise<Page<Execution>> {
    const path = `/farms/${id(farmId)}/executions`;
    return (await request(path, { query: { ...page }, schema: ExecutionPage, signal })).data;
  },
  async listServerExecutions(
    farmId: string,
    serverId: string,
    page: PageRequest = {},
    signal?: AbortSignal,
  ): Promise<Page<Execution>> {
    const path = `/farms/${id(farmId)}/servers/${id(serverId)}/executions`;
    return (await request(path, { query: { ...page }, schema: ExecutionPage, signal })).data;
  },
  async listScriptExecutions(
    scriptId: string,
    page: PageRequest = {},
    signal?: AbortSignal,
  ): Promise<Page<Execution>> {
    const path = `${SCRIPTS}/${id(scriptId)}/executions`;
    return (await request(path, { query: { ...page }, schema: ExecutionPage, signal })).data;
  },
  async getExecution(executionId: string, signal?: AbortSignal): Promise<Execution> {
    return (await request(`/executions/${id(executionId)}`, { schema: Execution, signal })).data;
  },

  async fireEvent(farmId: string, event: CustomEvent): Promise<FarmEvent> {
    const path = `/farms/${id(farmId)}/events`;
    return (await request(path, { method: 'POST', body: event, schema: FarmEvent })).data;
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
