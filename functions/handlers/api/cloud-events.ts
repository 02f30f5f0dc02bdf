// Lambda entry point of the `cloud-events` route group: clouds' pushes about instances (GCE's
// audit log entries through Pub/Sub). The authenticate middleware has verified the push's token.
import { apiDepsFromEnvironment } from '../../composition/api';
import { receiveGceAuditLogPush } from '../../services/cloud-events/gce-audit-log-push';
import type { ApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';

export function createHandler(deps: ApiDeps) {
  return createGroupHandler(
    'cloud-events',
    {
      receiveGceAuditLogPush: async ({ body }) => {
        const outcome = await receiveGceAuditLogPush(deps, body);
        deps.logger.info('gce audit log push', { messageId: body.message.messageId, outcome });
      },
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(apiDepsFromEnvironment()));
