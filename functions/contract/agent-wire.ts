// Generated from agent-routes.ts by `npx tsx functions/contract/generate-agent-wire.ts`: the agent's
// routes without their zod schemas, so the agent bundle carries no zod. Its types are the routes'
// own (AGENT_CONTRACT); test/unit/contract/agent-wire.test.ts fails when this copy drifts.
import type { AGENT_CONTRACT } from './agent-routes';

export const AGENT_WIRE = [
  {
    operationId: 'reportAgentEvent',
    method: 'POST',
    path: '/api/v1/agent/events',
    auth: 'agent',
  },
  {
    operationId: 'listAgentTasks',
    method: 'GET',
    path: '/api/v1/agent/tasks',
    auth: 'agent',
  },
  {
    operationId: 'startAgentTask',
    method: 'POST',
    path: '/api/v1/agent/tasks/{executionId}/start',
    auth: 'agent',
  },
  {
    operationId: 'appendAgentTaskOutput',
    method: 'POST',
    path: '/api/v1/agent/tasks/{executionId}/output',
    auth: 'agent',
  },
  {
    operationId: 'finishAgentTask',
    method: 'POST',
    path: '/api/v1/agent/tasks/{executionId}/result',
    auth: 'agent',
  },
  {
    operationId: 'reportAgentMetrics',
    method: 'POST',
    path: '/api/v1/agent/metrics',
    auth: 'agent',
  },
  {
    operationId: 'fireAgentCustomEvent',
    method: 'POST',
    path: '/api/v1/agent/custom-events',
    auth: 'agent',
  },
] as unknown as typeof AGENT_CONTRACT;
