// The `agent` group's task routes (routes.ts spreads them into API_ROUTES; the lifecycle report
// `/api/v1/agent/events` stays there). All take the server's own agent token: the token is the
// scope, so an execution of another server answers 404.
import { z } from 'zod';
import {
  AgentCustomEvent,
  AgentMetrics,
  AgentTaskList,
  TaskOutputChunk,
  TaskResult,
} from '../domain/schemas/agent-protocol';
import { JsonPayload } from '../domain/schemas/bounded-numbers';
import { idOf } from '../domain/schemas/common';
import { ExecutionStatus } from '../domain/schemas/orchestration';
import { type RouteDef, routeOf } from './route-def';

const TaskParams = z.object({ executionId: idOf('execution') });
const TASKS = '/api/v1/agent/tasks';

export const AgentTaskState = z
  .object({ executionId: idOf('execution'), status: ExecutionStatus })
  .meta({ id: 'AgentTaskState' });
export const AgentCustomEventAccepted = z
  .object({ eventId: z.string(), name: z.string() })
  .meta({ id: 'AgentCustomEventAccepted' });

// access 'none': no user permission applies; the agent token is bound to its one server.
const route = routeOf('agent', 'agent', 'none');

export const AgentReport = z
  .object({
    name: z.enum(['HostInit', 'BeforeHostUp', 'HostUp', 'BeforeHostUpFailed', 'RebootComplete']),
    message: z.string().max(4096).default(''),
    payload: JsonPayload.default({}),
  })
  .strict()
  .meta({ id: 'AgentReport' });
const AgentReportResult = z
  .object({
    accepted: z.boolean(),
    status: z.string(),
    /** BeforeHostUp: the executions its rules queued for this server (the agent waits until it sees them). */
    executionIds: z.array(z.string()).optional(),
  })
  .meta({ id: 'AgentReportResult' });

/** The lifecycle report, listed apart so API_ROUTES keeps its order. */
export const AGENT_REPORT_ROUTES = [
  {
    operationId: 'reportAgentEvent',
    method: 'POST',
    path: '/api/v1/agent/events',
    group: 'agent',
    summary: "A server's agent reports a lifecycle event (agent token)",
    access: 'none',
    auth: 'agent',
    body: AgentReport,
    response: { status: 200, schema: AgentReportResult },
  },
] as const satisfies readonly RouteDef[];

export const AGENT_ROUTES = [
  route({
    operationId: 'listAgentTasks',
    method: 'GET',
    path: TASKS,
    summary: "The server's queued and running executions, with script bodies and variables (agent token)",
    response: { status: 200, schema: AgentTaskList },
  }),
  route({
    operationId: 'startAgentTask',
    method: 'POST',
    path: `${TASKS}/{executionId}/start`,
    summary:
      'The agent starts a queued execution (409 when it is not queued any more; one an earlier agent process left running fails)',
    params: TaskParams,
    response: { status: 200, schema: AgentTaskState },
  }),
  route({
    operationId: 'appendAgentTaskOutput',
    method: 'POST',
    path: `${TASKS}/{executionId}/output`,
    summary: "Appends a running execution's output (the last 64 KiB of each stream are kept)",
    params: TaskParams,
    body: TaskOutputChunk,
  }),
  route({
    operationId: 'finishAgentTask',
    method: 'POST',
    path: `${TASKS}/{executionId}/result`,
    summary: "An execution's result: exit code, timeout, duration and output tails",
    params: TaskParams,
    body: TaskResult,
    response: { status: 200, schema: AgentTaskState },
  }),
  route({
    operationId: 'reportAgentMetrics',
    method: 'POST',
    path: '/api/v1/agent/metrics',
    summary: "The server's load, CPU, memory and disk (latest kept)",
    body: AgentMetrics,
  }),
  route({
    operationId: 'fireAgentCustomEvent',
    method: 'POST',
    path: '/api/v1/agent/custom-events',
    summary: 'A script raises a custom event about its server (drover-agent fire)',
    body: AgentCustomEvent,
    response: { status: 202, schema: AgentCustomEventAccepted },
  }),
] as const satisfies readonly RouteDef[];

/** Every route the agent calls, with its literal types (agent-wire.ts is their schema-free copy). */
export const AGENT_CONTRACT = [...AGENT_REPORT_ROUTES, ...AGENT_ROUTES] as const;
