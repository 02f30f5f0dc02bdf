// The `cloud-events` group: where clouds push what happened to instances Drover manages, for the
// clouds whose events do not reach AWS's bus on their own (EC2's do: event-rules.ts). Compute
// Engine's audit log entries arrive through a Pub/Sub push subscription with authentication
// (infra/README.md "GCE events"): the push's Google-signed OIDC token is its credential
// (auth 'cloud-push', verified by the authenticate middleware), so the route is public to API
// Gateway and closed to anyone but the subscription's service account.
import { PubSubPushEnvelope } from '../domain/schemas/gce-audit-log';
import type { RouteDef } from './route-def';

export const CLOUD_EVENT_ROUTES = [
  {
    operationId: 'receiveGceAuditLogPush',
    method: 'POST',
    path: '/api/v1/cloud-events/gce',
    group: 'cloud-events',
    summary:
      "A Compute Engine audit log entry pushed by Pub/Sub: wakes the farm of the instance it names (204 also when it is none of Drover's)",
    access: 'none',
    auth: 'cloud-push',
    body: PubSubPushEnvelope,
  },
] as const satisfies readonly RouteDef[];
