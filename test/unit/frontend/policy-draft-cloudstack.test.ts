// The policy form for CloudStack: a policy on CloudStack's farm roles only, allowing service
// offerings by their own names (inner spaces) and guest networks through the enforced network's list.
import { describe, expect, it } from 'vitest';
import { emptyPolicy, toPolicyInput } from '../../../frontend/lib/policy-draft';
import { PolicyInput } from '../../../functions/domain/schemas/policy';

describe('a CloudStack policy draft', () => {
  it('saves allowed service offerings named as CloudStack names them', () => {
    const draft = {
      ...emptyPolicy(),
      name: 'offerings',
      platform: 'cloudstack' as const,
      kind: 'allowed-instance-types' as const,
      instanceTypes: ['Small Instance', 'Medium*'],
    };
    expect(PolicyInput.parse(toPolicyInput(draft))).toMatchObject({
      platform: 'cloudstack',
      rule: { kind: 'allowed-instance-types', instanceTypes: ['Small Instance', 'Medium*'] },
    });
  });

  it('saves the allowed guest networks in the enforced network rule', () => {
    const draft = {
      ...emptyPolicy(),
      name: 'networks',
      platform: 'cloudstack' as const,
      kind: 'enforced-network' as const,
      subnetworks: ['guest-net-1'],
      noPublicIp: false,
    };
    expect(PolicyInput.parse(toPolicyInput(draft))).toMatchObject({
      platform: 'cloudstack',
      rule: { kind: 'enforced-network', subnetworks: ['guest-net-1'] },
    });
  });

  it.each([
    ['a trailing space', 'Small '],
    ['a space before the wildcard', 'Small *'],
  ])('refuses an offering name with %s, naming the field', (_why, name) => {
    const draft = {
      ...emptyPolicy(),
      name: 'offerings',
      platform: 'cloudstack' as const,
      kind: 'allowed-instance-types' as const,
      instanceTypes: [name],
    };
    const parsed = PolicyInput.safeParse(toPolicyInput(draft));
    expect(parsed.error?.issues[0]?.path).toEqual(['rule', 'instanceTypes', 0]);
  });
});
