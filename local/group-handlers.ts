// Every API group's handler, built over the local ports: the same createHandler each Lambda
// entry point calls with the ports from its environment (functions/handlers/api/<group>.ts).
import { API_GROUPS, type ApiGroup } from '../functions/contract/routes';
import type { RuntimeInfo } from '../functions/domain/schemas/runtime-info';
import { createHandler as access } from '../functions/handlers/api/access';
import { createHandler as account } from '../functions/handlers/api/account';
import { createHandler as agent } from '../functions/handlers/api/agent';
import { createHandler as audit } from '../functions/handlers/api/audit';
import { createHandler as cloudEvents } from '../functions/handlers/api/cloud-events';
import { createHandler as credentials } from '../functions/handlers/api/credentials';
import type { ApiDeps } from '../functions/handlers/api/deps';
import { createHandler as environments } from '../functions/handlers/api/environments';
import { createHandler as farms } from '../functions/handlers/api/farms';
import type { GroupHandler } from '../functions/handlers/api/group-handler';
import { createHandler as lifecycle } from '../functions/handlers/api/lifecycle';
import { createHandler as meta } from '../functions/handlers/api/meta';
import { createHandler as orchestrationApi } from '../functions/handlers/api/orchestration';
import { createHandler as policies } from '../functions/handlers/api/policies';
import { createHandler as roles } from '../functions/handlers/api/roles';
import { createHandler as servers } from '../functions/handlers/api/servers';
import { createHandler as variables } from '../functions/handlers/api/variables';
import { createHandler as webhooks } from '../functions/handlers/api/webhooks';
import type { WebhookDeps } from '../functions/services/webhooks/deps';

/**
 * @param webhookDeps the local dispatcher's ports (its queue), which the webhooks group adds to
 * @param runtimeInfo what GET /api/v1/runtime answers here
 */
export function localGroupHandlers(
  deps: ApiDeps,
  webhookDeps: WebhookDeps,
  runtimeInfo: RuntimeInfo,
): Record<ApiGroup, GroupHandler> {
  const builders: Record<ApiGroup, (d: ApiDeps) => GroupHandler> = {
    access,
    account,
    environments,
    credentials,
    roles,
    farms,
    lifecycle,
    servers,
    agent,
    // The group's middleware reads the whole Store; the webhook services only their repositories.
    webhooks: () => webhooks({ ...deps, ...webhookDeps, store: deps.store }),
    variables,
    audit,
    policies,
    orchestration: orchestrationApi,
    meta: (d) => meta({ ...d, runtimeInfo }),
    'cloud-events': cloudEvents,
  };
  return Object.fromEntries(API_GROUPS.map((g) => [g, builders[g](deps)])) as Record<ApiGroup, GroupHandler>;
}
