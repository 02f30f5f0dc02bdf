// Lambda entry point of the `audit` route group: reading the audit log, narrowed to what the
// caller may see (owners and admins everything; others the environments where they hold audit:view).
import { apiDepsFromEnvironment } from '../../composition/api';
import type { AccessSubject } from '../../domain/access/can';
import { auditVisibility } from '../../domain/audit/visibility';
import type { Principal } from '../../ports/identity';
import * as audit from '../../services/audit';
import type { ApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';

/** The authorize middleware resolves the caller's grants onto the principal; without them, the account's users are all admins. */
function visibleTo(principal: Principal & { subject?: AccessSubject }): readonly string[] | undefined {
  return principal.subject ? auditVisibility(principal.subject) : undefined;
}

export function createHandler(deps: ApiDeps) {
  return createGroupHandler(
    'audit',
    {
      listAudit: async ({ principal, query }) =>
        audit.listAudit(deps, principal, query, visibleTo(principal)),
      getAudit: async ({ principal, params }) =>
        audit.getAudit(deps, principal, params.auditId, visibleTo(principal)),
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(apiDepsFromEnvironment()));
