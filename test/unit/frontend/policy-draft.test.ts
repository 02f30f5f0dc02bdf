import { describe, expect, it } from 'vitest';
import { emptyPolicy, policyDraftOf, ruleSummary, toPolicyInput } from '../../../frontend/lib/policy-draft';
import {
  errorsFromViolations,
  explainViolation,
  violationPath,
} from '../../../frontend/lib/policy-violations';
import {
  POLICY_RULE_KINDS,
  type Policy,
  PolicyInput,
  type PolicyRule,
} from '../../../functions/domain/schemas/policy';

/** One valid rule of every kind: what an admin could save through the form. */
const RULES: Record<PolicyRule['kind'], PolicyRule> = {
  'allowed-locations': { kind: 'allowed-locations', regions: ['eu-west-1'], zones: ['eu-west-1a'] },
  'allowed-instance-types': { kind: 'allowed-instance-types', instanceTypes: ['t3.*', 'm5.large'] },
  'allowed-roles': { kind: 'allowed-roles', roleIds: ['role-01hzzzzzzzzzzzzzzzzzzzzzzz'] },
  'allowed-images': { kind: 'allowed-images', imageIds: ['ami-0123456789abcdef0'] },
  'enforced-network': {
    kind: 'enforced-network',
    vpcId: 'vpc-0123abcd',
    subnetIds: ['subnet-0123abcd'],
    subnetworks: [],
    noPublicIp: true,
  },
  'enforced-security-groups': { kind: 'enforced-security-groups', securityGroupIds: ['sg-0123abcd'] },
  'allowed-security-groups': { kind: 'allowed-security-groups', securityGroups: ['sg-0123abcd', 'sg-0fff*'] },
  'network-tags': { kind: 'network-tags', networkTags: ['web'] },
  'required-tags': { kind: 'required-tags', tags: [{ key: 'cost-center', pattern: '[0-9]{4}' }] },
  'auto-tags': { kind: 'auto-tags', tags: { owner: '${DROVER_FARM_NAME}' } },
  'max-instances': { kind: 'max-instances', perFarmRole: 10 },
  'instance-identity': { kind: 'instance-identity', serviceAccount: 'vm@project.iam.gserviceaccount.com' },
  'farm-lease': { kind: 'farm-lease', maxLifetimeHours: 72, warnBeforeHours: 12 },
  naming: { kind: 'naming', farmNamePattern: '(web|api)-[a-z0-9-]+' },
};

function policyWith(rule: PolicyRule): Policy {
  return {
    id: 'pol-01hzzzzzzzzzzzzzzzzzzzzzzz',
    accountId: 'acc-01hzzzzzzzzzzzzzzzzzzzzzzz',
    environmentId: 'env-01hzzzzzzzzzzzzzzzzzzzzzzz',
    name: 'EU only',
    description: 'IT rule',
    platform: 'aws',
    enabled: false,
    rule,
    version: 3,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-02T00:00:00.000Z',
  } as Policy;
}

describe('the policy form draft', () => {
  it('has a rule of every kind in its table', () => {
    expect(Object.keys(RULES).sort()).toEqual([...POLICY_RULE_KINDS].sort());
  });

  it.each(Object.values(RULES))('turns a stored $kind policy into a draft and back unchanged', (rule) => {
    const policy = policyWith(rule);
    const parsed = PolicyInput.safeParse(toPolicyInput(policyDraftOf(policy)));
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(
      PolicyInput.parse({
        name: policy.name,
        description: policy.description,
        platform: policy.platform,
        enabled: policy.enabled,
        rule,
      }),
    );
  });

  it('sends null for "every platform" and keeps the schema deciding what is missing', () => {
    const input = toPolicyInput(emptyPolicy()) as { platform: unknown };
    expect(input.platform).toBeNull();
    const parsed = PolicyInput.safeParse(input);
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'rule.instanceTypes']));
  });

  it('keeps a number that is not one as NaN, so the schema says so at its field', () => {
    const parsed = PolicyInput.safeParse(
      toPolicyInput({ ...emptyPolicy(), name: 'lease', kind: 'farm-lease', maxLifetimeHours: 'soon' }),
    );
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('rule.maxLifetimeHours');
  });

  it('reads auto tags one key=value per line', () => {
    const draft = {
      ...emptyPolicy(),
      name: 'tags',
      kind: 'auto-tags' as const,
      autoTags: 'a=1\n\n b = two \nc',
    };
    expect(PolicyInput.parse(toPolicyInput(draft)).rule).toEqual({
      kind: 'auto-tags',
      tags: { a: '1', b: 'two', c: '' },
    });
  });

  it.each([
    [RULES['allowed-instance-types'], 'Types t3.*, m5.large'],
    [RULES['allowed-locations'], 'Regions eu-west-1; zones eu-west-1a'],
    [RULES['max-instances'], '≤ 10 per farm role'],
    [RULES['farm-lease'], 'At most 72 h, warned 12 h before'],
  ])('summarises %o as "%s"', (rule, summary) => {
    expect(ruleSummary(rule)).toBe(summary);
  });
});

describe('policy violations on the farm form', () => {
  const violation = {
    policyId: 'pol-1',
    policyName: 'EU only',
    rule: 'allowed-locations',
    path: 'farmRoles[1].region',
    message: 'region us-east-1 is not allowed',
    allowed: ['eu-west-1', 'eu-central-1'],
  };

  it('names the field by the form’s dotted path', () => {
    expect(violationPath('farmRoles[1].zones[0]')).toBe('farmRoles.1.zones.0');
    expect(violationPath('name')).toBe('name');
  });

  it('says which policy and what it allows', () => {
    expect(explainViolation(violation)).toBe(
      "Policy 'EU only': region us-east-1 is not allowed (allowed: eu-west-1, eu-central-1)",
    );
    expect(explainViolation({ ...violation, allowed: undefined })).toBe(
      "Policy 'EU only': region us-east-1 is not allowed",
    );
  });

  it('keeps the first violation of a field', () => {
    expect(
      errorsFromViolations([violation, { ...violation, policyName: 'Second', message: 'also wrong' }]),
    ).toEqual({ 'farmRoles.1.region': explainViolation(violation) });
  });
});
