// A route's wire facts without its zod schemas: what a client needs to send a call (method, path,
// how it authenticates) when it cannot afford the schemas in its bundle (the agent). Generated
// modules (agent-wire.ts) hold them; their test compares them with the route table.
import type { RouteDef } from './route-def';

export type WireRoute = Pick<RouteDef, 'operationId' | 'method' | 'path' | 'auth'> & {
  versioned?: boolean;
};

export function wireOf(routes: readonly RouteDef[]): WireRoute[] {
  return routes.map(({ operationId, method, path, auth, versioned }) => ({
    operationId,
    method,
    path,
    auth,
    ...(versioned ? { versioned } : {}),
  }));
}

/** The source of a generated wire module: `npx tsx functions/contract/generate-agent-wire.ts`. */
export function wireModule(routes: readonly RouteDef[]): string {
  return `// Generated from agent-routes.ts by \`npx tsx functions/contract/generate-agent-wire.ts\`: the agent's
// routes without their zod schemas, so the agent bundle carries no zod. Its types are the routes'
// own (AGENT_CONTRACT); test/unit/contract/agent-wire.test.ts fails when this copy drifts.
import type { AGENT_CONTRACT } from './agent-routes';

export const AGENT_WIRE = ${JSON.stringify(wireOf(routes), null, 2)} as unknown as typeof AGENT_CONTRACT;
`;
}
