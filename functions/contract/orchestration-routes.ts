// The `orchestration` group's part of the API routing table (routes.ts spreads it into API_ROUTES):
// scripts and their versions, orchestration rules, and executions per farm, server and script.
// The custom-event route (POST /farms/{farmId}/events) lives beside the farm's event log, in the
// `servers` group (CUSTOM_EVENT_ROUTES).
import { z } from 'zod';
import { idOf, PageQuery, pageOf } from '../domain/schemas/common';
import { CustomEventInput } from '../domain/schemas/custom-event';
import { FarmEvent } from '../domain/schemas/farm-event';
import {
  Execution,
  OrchestrationRule,
  OrchestrationRuleInput,
  Script,
  ScriptInput,
  ScriptVersion,
} from '../domain/schemas/orchestration';
import { type RouteDef, routeOf } from './route-def';

const ScriptParams = z.object({ scriptId: idOf('script') });
const ScriptVersionParams = ScriptParams.extend({ number: z.coerce.number().int().positive() });
const RuleParams = z.object({ ruleId: idOf('orchestrationRule') });
const ExecutionParams = z.object({ executionId: idOf('execution') });
const FarmParams = z.object({ farmId: idOf('farm') });
const ServerParams = FarmParams.extend({ serverId: idOf('server') });
const SCRIPTS = '/api/v1/scripts';
const RULES = '/api/v1/orchestration-rules';

const route = routeOf('orchestration', true);

export const ORCHESTRATION_ROUTES = [
  route({
    operationId: 'listScripts',
    method: 'GET',
    path: SCRIPTS,
    summary: "List the account's orchestration scripts",
    access: 'orchestration:view',
    query: PageQuery,
    response: { status: 200, schema: pageOf(Script) },
  }),
  route({
    operationId: 'createScript',
    method: 'POST',
    path: SCRIPTS,
    summary: 'Create a script (its version 1)',
    access: 'orchestration:manage',
    body: ScriptInput,
    response: { status: 201, schema: Script },
  }),
  route({
    operationId: 'getScript',
    method: 'GET',
    path: `${SCRIPTS}/{scriptId}`,
    summary: 'Get a script (its latest version)',
    access: 'orchestration:view',
    params: ScriptParams,
    response: { status: 200, schema: Script },
    versioned: true,
  }),
  route({
    operationId: 'updateScript',
    method: 'PUT',
    path: `${SCRIPTS}/{scriptId}`,
    summary: 'Save a script: every save is a new version',
    access: 'orchestration:manage',
    params: ScriptParams,
    body: ScriptInput,
    response: { status: 200, schema: Script },
    versioned: true,
  }),
  route({
    operationId: 'deleteScript',
    method: 'DELETE',
    path: `${SCRIPTS}/{scriptId}`,
    summary: 'Delete a script no rule uses, with its versions',
    access: 'orchestration:manage',
    params: ScriptParams,
    versioned: true,
  }),
  route({
    operationId: 'listScriptVersions',
    method: 'GET',
    path: `${SCRIPTS}/{scriptId}/versions`,
    summary: "A script's versions, newest first",
    access: 'orchestration:view',
    params: ScriptParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(ScriptVersion) },
  }),
  route({
    operationId: 'getScriptVersion',
    method: 'GET',
    path: `${SCRIPTS}/{scriptId}/versions/{number}`,
    summary: 'One saved version of a script',
    access: 'orchestration:view',
    params: ScriptVersionParams,
    response: { status: 200, schema: ScriptVersion },
  }),
  route({
    operationId: 'listScriptExecutions',
    method: 'GET',
    path: `${SCRIPTS}/{scriptId}/executions`,
    summary: "A script's executions on every server, newest first (output: the last KiB of each stream)",
    access: 'orchestration:view',
    params: ScriptParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(Execution) },
  }),

  route({
    operationId: 'listOrchestrationRules',
    method: 'GET',
    path: RULES,
    summary: "List the account's orchestration rules",
    access: 'orchestration:view',
    query: PageQuery,
    response: { status: 200, schema: pageOf(OrchestrationRule) },
  }),
  route({
    operationId: 'createOrchestrationRule',
    method: 'POST',
    path: RULES,
    summary: 'Create a rule: on an event, at a scope, run a script on target servers',
    access: 'orchestration:manage',
    body: OrchestrationRuleInput,
    response: { status: 201, schema: OrchestrationRule },
  }),
  route({
    operationId: 'getOrchestrationRule',
    method: 'GET',
    path: `${RULES}/{ruleId}`,
    summary: 'Get an orchestration rule',
    access: 'orchestration:view',
    params: RuleParams,
    response: { status: 200, schema: OrchestrationRule },
    versioned: true,
  }),
  route({
    operationId: 'updateOrchestrationRule',
    method: 'PUT',
    path: `${RULES}/{ruleId}`,
    summary: 'Replace an orchestration rule',
    access: 'orchestration:manage',
    params: RuleParams,
    body: OrchestrationRuleInput,
    response: { status: 200, schema: OrchestrationRule },
    versioned: true,
  }),
  route({
    operationId: 'deleteOrchestrationRule',
    method: 'DELETE',
    path: `${RULES}/{ruleId}`,
    summary: 'Delete an orchestration rule',
    access: 'orchestration:manage',
    params: RuleParams,
    versioned: true,
  }),

  route({
    operationId: 'listFarmExecutions',
    method: 'GET',
    path: '/api/v1/farms/{farmId}/executions',
    summary: "A farm's script executions, newest first (output: the last KiB of each stream)",
    access: 'orchestration:view',
    params: FarmParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(Execution) },
  }),
  route({
    operationId: 'listServerExecutions',
    method: 'GET',
    path: '/api/v1/farms/{farmId}/servers/{serverId}/executions',
    summary: "A server's script executions: queued and running first, then the rest, newest first",
    access: 'orchestration:view',
    params: ServerParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(Execution) },
  }),
  route({
    operationId: 'getExecution',
    method: 'GET',
    path: '/api/v1/executions/{executionId}',
    summary: 'One execution with its output (the last 64 KiB of stdout and stderr)',
    access: 'orchestration:view',
    params: ExecutionParams,
    response: { status: 200, schema: Execution },
  }),
] as const satisfies readonly RouteDef[];

/** In the `servers` group, beside GET /farms/{farmId}/events (one Lambda serves a path). */
export const CUSTOM_EVENT_ROUTES = [
  {
    operationId: 'fireFarmEvent',
    method: 'POST',
    path: '/api/v1/farms/{farmId}/events',
    group: 'servers',
    summary: 'Fire a custom event on a farm: recorded in its log, followed by rules and webhooks',
    access: 'orchestration:fire',
    auth: true,
    params: FarmParams,
    body: CustomEventInput,
    response: { status: 202, schema: FarmEvent },
  },
] as const satisfies readonly RouteDef[];
