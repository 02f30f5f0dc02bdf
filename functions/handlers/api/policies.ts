// Lambda entry point of the `policies` route group: Governance policies of an environment, the
// live evaluation of a farm spec, and farm lease extension requests.
import { apiDepsFromEnvironment } from '../../composition/api';
import * as leases from '../../services/lease-extensions';
import * as policies from '../../services/policies';
import type { ApiDeps } from './deps';
import { createGroupHandler, lazyHandler } from './group-handler';
import { withEtag } from './operation';

export function createHandler(deps: ApiDeps) {
  return createGroupHandler(
    'policies',
    {
      listPolicies: async ({ principal, params, query }) =>
        policies.listPolicies(deps, principal, params.environmentId, query),
      createPolicy: async ({ principal, params, body }) =>
        withEtag(await policies.createPolicy(deps, principal, params.environmentId, body)),
      evaluatePolicies: async ({ principal, params, body }) =>
        policies.evaluateFarmSpec(deps, principal, params.environmentId, body),
      getPolicy: async ({ principal, params }) =>
        withEtag(await policies.getPolicy(deps, principal, params.environmentId, params.policyId)),
      updatePolicy: async ({ principal, params, body, ifMatch }) =>
        withEtag(
          await policies.updatePolicy(deps, principal, params.environmentId, params.policyId, body, ifMatch),
        ),
      deletePolicy: async ({ principal, params, ifMatch }) => {
        await policies.deletePolicy(deps, principal, params.environmentId, params.policyId, ifMatch);
      },
      listLeaseExtensions: async ({ principal, params, query }) =>
        leases.listLeaseExtensions(deps, principal, params.farmId, query),
      requestLeaseExtension: async ({ principal, params, body }) =>
        leases.requestLeaseExtension(deps, principal, params.farmId, body),
      approveLeaseExtension: async ({ principal, params, body }) =>
        leases.decideLeaseExtension(
          deps,
          principal,
          params.farmId,
          params.requestId,
          'approve',
          body.comment,
        ),
      denyLeaseExtension: async ({ principal, params, body }) =>
        leases.decideLeaseExtension(deps, principal, params.farmId, params.requestId, 'deny', body.comment),
    },
    deps,
  );
}

export const handler = lazyHandler(() => createHandler(apiDepsFromEnvironment()));
