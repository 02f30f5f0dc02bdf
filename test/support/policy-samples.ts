// Samples of the `policies` route group for the route tables (route-samples.ts): a policy and a
// lease extension request to address, valid bodies and bad bodies with the field path to name.
import { awsFarmRole, farm } from './fixtures';
import type { Ids } from './route-samples';

/** A policy that breaks nothing (auto tags) and a pending lease request on the sample farm. */
export async function createPolicySamples(
  api: { post(path: string, body?: unknown): Promise<{ body: any }> },
  environmentId: string,
  farmId: string,
): Promise<Pick<Ids, 'policyId' | 'leaseRequestId'>> {
  const policyId = (
    await api.post(`/v1/environments/${environmentId}/policies`, {
      // Unique per sample farm: the access table makes samples six times in one environment.
      name: `samples-${farmId.slice(-8)}`,
      rule: { kind: 'auto-tags', tags: { 'managed-by': 'drover' } },
    })
  ).body.id;
  const leaseRequestId = (
    await api.post(`/v1/farms/${farmId}/lease-extensions`, { hours: 2, reason: 'demo tomorrow' })
  ).body.id;
  return { policyId, leaseRequestId };
}

export const POLICY_VALID_BODIES: Record<string, (ids: Ids) => unknown> = {
  createPolicy: () => ({ name: 'regions', rule: { kind: 'allowed-locations', regions: ['us-*'] } }),
  updatePolicy: () => ({ name: 'samples', enabled: false, rule: { kind: 'naming', farmNamePattern: '.+' } }),
  evaluatePolicies: (ids) => farm('farm-e', [awsFarmRole(ids.roleId, ids.credentialsId)]),
  requestLeaseExtension: () => ({ hours: 4, reason: 'the demo moved' }),
  approveLeaseExtension: () => ({ comment: 'ok' }),
  denyLeaseExtension: () => ({}),
};

export const POLICY_BAD_BODIES: Record<string, { why: string; body: (ids: Ids) => unknown; path: string }[]> =
  {
    createPolicy: [
      {
        why: 'an unknown rule kind',
        body: () => ({ name: 'p', rule: { kind: 'colour' } }),
        path: 'rule.kind',
      },
      {
        why: 'a region list that is empty',
        body: () => ({ name: 'p', rule: { kind: 'allowed-locations', regions: [] } }),
        path: 'rule.regions',
      },
      {
        why: 'a tag pattern that is not a regular expression',
        body: () => ({ name: 'p', rule: { kind: 'required-tags', tags: [{ key: 'team', pattern: '(' }] } }),
        path: 'rule.tags.0.pattern',
      },
    ],
    updatePolicy: [
      {
        why: 'an unknown platform',
        body: () => ({ name: 'p', platform: 'azure', rule: { kind: 'naming', farmNamePattern: '.+' } }),
        path: 'platform',
      },
      {
        why: 'a security group that is not one',
        body: () => ({
          name: 'p',
          rule: { kind: 'enforced-security-groups', securityGroupIds: ['default'] },
        }),
        path: 'rule.securityGroupIds.0',
      },
    ],
    evaluatePolicies: [{ why: 'a farm without a name', body: () => ({ farmRoles: [] }), path: 'name' }],
    requestLeaseExtension: [
      { why: 'no reason', body: () => ({ hours: 2 }), path: 'reason' },
      { why: 'negative hours', body: () => ({ hours: -1, reason: 'x' }), path: 'hours' },
    ],
    approveLeaseExtension: [
      { why: 'a comment that is not text', body: () => ({ comment: 7 }), path: 'comment' },
    ],
    denyLeaseExtension: [{ why: 'an unknown field', body: () => ({ why: 'no' }), path: '' }],
  };
