// GCE's event path, locally: the GCE sandbox plays Cloud Audit Logs → Pub/Sub and pushes each
// instance change to this runtime's `cloud-events` route, signed with its own key; the route
// verifies the push against the sandbox's JWKS exactly as it verifies Google's in AWS (only the
// URL of the keys differs). The audience is the route's URL, a push subscription's default.
import { createGooglePushTokens } from '../functions/adapters/identity/google-push-tokens';
import { jwksFromUrl } from '../functions/adapters/identity/jwt-authenticator';
import { CLOUD_EVENT_ROUTES } from '../functions/contract/cloud-event-routes';
import type { CloudPushTokens } from '../functions/ports/cloud-push-tokens';
import type { GceSandbox } from '../sandbox/gce';

/** The service account the sandbox's "push subscription" signs as. */
export const SANDBOX_PUSH_SERVICE_ACCOUNT = 'drover-push@drover-sandbox.iam.gserviceaccount.com';

const [GCE_PUSH_ROUTE] = CLOUD_EVENT_ROUTES;

/** Points the sandbox's pushes at the runtime (`url`, e.g. http://localhost:3000) and answers the route's token check. */
export function connectGceAuditLogs(gce: GceSandbox, url: string, project: string): CloudPushTokens {
  const endpoint = `${url}${GCE_PUSH_ROUTE.path}`;
  gce.auditLogs.pushTo({
    endpoint,
    audience: endpoint,
    serviceAccountEmail: SANDBOX_PUSH_SERVICE_ACCOUNT,
    project,
  });
  return createGooglePushTokens({
    keys: jwksFromUrl(`${gce.url}/oauth2/v3/certs`),
    audience: endpoint,
    serviceAccountEmail: SANDBOX_PUSH_SERVICE_ACCOUNT,
  });
}
