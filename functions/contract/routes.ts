// The API's routing table: data, defined once, assembled here from one file per route group.
// infra/ turns it into API Gateway routes and one Lambda per group; local/ dispatches HTTP
// requests with it; the OpenAPI document and the typed client (client.ts) are generated from it.
// Handlers for a group live in `functions/handlers/api/<group>.ts`.
import { ACCESS_ROUTES } from './access-routes';
import { ACCOUNT_ROUTES } from './account-routes';
import { ACCOUNTS_ROUTES } from './accounts-routes';
import { AGENT_REPORT_ROUTES, AGENT_ROUTES } from './agent-routes';
import { AUDIT_ROUTES } from './audit-routes';
import { CLOUD_EVENT_ROUTES } from './cloud-event-routes';
import { CREDENTIALS_ROUTES } from './credentials-routes';
import { ENVIRONMENT_ROUTES } from './environment-routes';
import { FARM_ROUTES, LIFECYCLE_ROUTES } from './farm-routes';
import { FARM_TASK_ROUTES } from './farm-task-routes';
import { META_ROUTES, OPENAPI_ROUTES } from './meta-routes';
import { CUSTOM_EVENT_ROUTES, ORCHESTRATION_ROUTES } from './orchestration-routes';
import { POLICY_ROUTES } from './policy-routes';
import { RETENTION_ROUTES } from './retention-routes';
import { ROLE_ROUTES } from './role-routes';
import type { ApiGroup, RouteDef } from './route-def';
import { SCALING_ROUTES } from './scaling-routes';
import { SERVER_ROUTES } from './server-routes';
import { VARIABLE_ROUTES } from './variable-routes';
import { WEBHOOK_ROUTES } from './webhook-routes';

export { API_GROUPS, type ApiGroup, type HttpMethod, type RouteDef } from './route-def';

/** The table with each route's literal types (operationId, path, schemas): what the typed client reads. */
export const API_CONTRACT = [
  ...OPENAPI_ROUTES,
  ...ACCOUNT_ROUTES,
  ...ENVIRONMENT_ROUTES,
  ...CREDENTIALS_ROUTES,
  ...ROLE_ROUTES,
  ...FARM_ROUTES,
  ...LIFECYCLE_ROUTES,
  ...FARM_TASK_ROUTES,
  ...SCALING_ROUTES,
  ...SERVER_ROUTES,
  ...AGENT_REPORT_ROUTES,
  ...WEBHOOK_ROUTES,
  ...ORCHESTRATION_ROUTES,
  ...CUSTOM_EVENT_ROUTES,
  ...ACCESS_ROUTES,
  ...ACCOUNTS_ROUTES,
  ...VARIABLE_ROUTES,
  ...AUDIT_ROUTES,
  ...RETENTION_ROUTES,
  ...POLICY_ROUTES,
  ...AGENT_ROUTES,
  ...META_ROUTES,
  ...CLOUD_EVENT_ROUTES,
] as const satisfies readonly RouteDef[];
export type ApiContract = typeof API_CONTRACT;

export const API_ROUTES: RouteDef[] = [...API_CONTRACT];

export function routesOfGroup(group: ApiGroup): RouteDef[] {
  return API_ROUTES.filter((r) => r.group === group);
}
