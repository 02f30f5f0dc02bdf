// Policies on OpenStack and CloudStack farm roles as Scalr had them, beside AWS: security groups
// enforced and allowed per platform (AWS by sg- id, the private clouds by name or id), allowed
// regions and zones by the clouds' own names (`RegionOne`, `zone-1`), flavors and service
// offerings, images and templates, required tags and maximum instances — on save and at launch.
import { describe, expect, it } from 'vitest';
import { enforceLaunch, evaluateFarm } from '../../../functions/domain/policies';
import { PolicyInput } from '../../../functions/domain/schemas/policy';
import { awsRole, cloudStackRole, launchOf, openStackRole, policy, spec } from './policy-fixtures';

const SG = 'sg-0123456789abcdef0';
const OS_IMAGE = '5b8e3f1a-0000-4000-8000-0000000000e1';
const CS_TEMPLATE = '7a3d2b1c-0000-4000-8000-00000000c001';

const PLATFORMS = [
  { platform: 'aws', role: awsRole, field: 'securityGroupIds', own: SG, other: 'sg-0fffffffffffffff0' },
  { platform: 'openstack', role: openStackRole, field: 'securityGroups', own: 'web', other: 'ssh' },
  { platform: 'cloudstack', role: cloudStackRole, field: 'securityGroups', own: 'web', other: 'ssh' },
] as const;

const imageOf = (platform: string) =>
  platform === 'openstack' ? OS_IMAGE : platform === 'cloudstack' ? CS_TEMPLATE : 'ami-0123456789abcdef0';

/** The decision at launch for the first server of the farm's first farm role. */
function atLaunch(farm: ReturnType<typeof spec>, policies: ReturnType<typeof policy>[]) {
  const { launch, context } = launchOf(farm, { imageId: imageOf(farm.farmRoles[0]!.platform) });
  return enforceLaunch(launch, policies, context);
}

describe.each(PLATFORMS)('security group policies on $platform', ({ platform, role, field, own, other }) => {
  const network = (groups: string[]) =>
    platform === 'aws' ? { [field]: groups } : { networks: [], [field]: groups };

  it('refuses a farm role whose own groups leave out an enforced one, on save and at launch', () => {
    const farm = spec([role({ network: network([other]) })]);
    const policies = [policy({ kind: 'enforced-security-groups', securityGroupIds: [own] }, { platform })];
    const path = `farmRoles[0].network.${field}`;
    expect(evaluateFarm(farm, policies)).toMatchObject([
      { path, message: `security groups must include ${own}`, allowed: [own] },
    ]);
    const decision = atLaunch(farm, policies);
    expect(decision).toMatchObject({ ok: false, violations: [{ path, rule: 'enforced-security-groups' }] });
  });

  it('fills in the enforced groups when the farm role names none', () => {
    const farm = spec([role({ network: network([]) })]);
    const policies = [policy({ kind: 'enforced-security-groups', securityGroupIds: [own] }, { platform })];
    expect(evaluateFarm(farm, policies)).toEqual([]);
    const decision = atLaunch(farm, policies);
    expect(decision).toMatchObject({ ok: true, injected: [`network.${field}`] });
    if (decision.ok) expect((decision.launchSpec as any)[platform][field]).toEqual([own]);
  });

  it('refuses a group outside the allowed ones, naming the group and its position', () => {
    const farm = spec([role({ network: network([own, other]) })]);
    const policies = [policy({ kind: 'allowed-security-groups', securityGroups: [own] }, { platform })];
    const violation = {
      path: `farmRoles[0].network.${field}[1]`,
      message: `security group ${other} is not allowed`,
      allowed: [own],
    };
    expect(evaluateFarm(farm, policies)).toMatchObject([violation]);
    expect(atLaunch(farm, policies)).toMatchObject({ ok: false, violations: [violation] });
    const allowedBoth = [
      policy({ kind: 'allowed-security-groups', securityGroups: [own, other] }, { platform }),
    ];
    expect(atLaunch(farm, allowedBoth).ok).toBe(true);
  });

  it('catches on save an enforced group another policy does not allow', () => {
    const farm = spec([role({ network: network([]) })]);
    const policies = [
      policy({ kind: 'enforced-security-groups', securityGroupIds: [other] }, { platform }),
      policy({ kind: 'allowed-security-groups', securityGroups: [own] }, { platform }),
    ];
    expect(evaluateFarm(farm, policies)).toMatchObject([
      { message: `security group ${other} is not allowed` },
    ]);
  });
});

describe('security group policies across platforms', () => {
  it('keeps a policy of every platform (AWS sg- ids) off the private clouds', () => {
    const everyPlatform = [policy({ kind: 'allowed-security-groups', securityGroups: [SG] })];
    expect(
      evaluateFarm(
        spec([awsRole({ network: { securityGroupIds: ['sg-0fffffffffffffff0'] } })]),
        everyPlatform,
      ),
    ).toHaveLength(1);
    for (const fr of [openStackRole(), cloudStackRole()]) {
      expect(evaluateFarm(spec([fr]), everyPlatform)).toEqual([]);
      expect(atLaunch(spec([fr]), everyPlatform).ok).toBe(true);
    }
    const enforced = [policy({ kind: 'enforced-security-groups', securityGroupIds: [SG] })];
    const decision = atLaunch(spec([openStackRole({ network: { securityGroups: [] } })]), enforced);
    expect(decision).toMatchObject({ ok: true, injected: [] });
  });

  it.each([
    [
      'aws',
      { kind: 'enforced-security-groups', securityGroupIds: ['web'] },
      'rule.securityGroupIds.0',
      'must be a security group id',
    ],
    [
      'every platform',
      { kind: 'allowed-security-groups', securityGroups: ['web'] },
      'rule.securityGroups.0',
      'must be a security group id',
    ],
    [
      'gce',
      { kind: 'enforced-security-groups', securityGroupIds: ['web'] },
      'platform',
      'GCE has no security groups: use a network-tags rule',
    ],
    [
      'openstack',
      { kind: 'allowed-security-groups', securityGroups: ['web, ssh'] },
      'rule.securityGroups.0',
      'a security group name or id, without commas or surrounding spaces',
    ],
    [
      'cloudstack',
      { kind: 'enforced-security-groups', securityGroupIds: [' web'] },
      'rule.securityGroupIds.0',
      'a security group name or id, without commas or surrounding spaces',
    ],
  ])('refuses on %s a security group it cannot name: %j', (platform, rule, path, message) => {
    const parsed = PolicyInput.safeParse({
      name: 'groups',
      rule,
      ...(platform === 'every platform' ? {} : { platform }),
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[path, message]]);
  });

  it.each([
    ['openstack', ['web', 'ssh access', '0f6c2a4e-5b1d-4c3e-9f8a-7b6c5d4e3f2a']],
    ['cloudstack', ['web', 'Default Group', '3c9b2f1e-0000-4000-8000-00000000d001']],
    ['aws', [SG]],
  ])('accepts on %s its own kind of names and ids', (platform, groups) => {
    expect(
      PolicyInput.safeParse({
        name: 'g',
        platform,
        rule: { kind: 'enforced-security-groups', securityGroupIds: groups.slice(0, 5) },
      }).success,
    ).toBe(true);
  });
});

describe('placement policies on OpenStack farm roles', () => {
  const openStackOnly = { platform: 'openstack' };
  it.each([
    [
      'a region outside the allowed ones',
      { kind: 'allowed-locations', regions: ['RegionTwo'] },
      'farmRoles[0].region',
      'region RegionOne is not allowed',
    ],
    [
      'an availability zone outside the allowed ones',
      { kind: 'allowed-locations', regions: ['Region*'], zones: ['az-2'] },
      'farmRoles[0].zones[0]',
      'zone nova is not allowed',
    ],
    [
      'a flavor outside the allowed ones',
      { kind: 'allowed-instance-types', instanceTypes: ['m1.tiny', 'c1.*'] },
      'farmRoles[0].instanceType',
      'instance type m1.small is not allowed',
    ],
    [
      'a network the policy does not allow',
      { kind: 'enforced-network', subnetworks: ['public'] },
      'farmRoles[0].network.networks[0]',
      'network private is not allowed',
    ],
    [
      'a tag value not matching its pattern',
      { kind: 'required-tags', tags: [{ key: 'team', pattern: 'ops|db' }] },
      'farmRoles[0].tags.team',
      'tag team="shop" does not match ops|db',
    ],
  ])('refuses %s on save and at launch', (_why, rule, path, message) => {
    const farm = spec([openStackRole()]);
    const policies = [policy(rule, openStackOnly)];
    expect(evaluateFarm(farm, policies)).toMatchObject([{ path, message }]);
    expect(atLaunch(farm, policies)).toMatchObject({ ok: false, violations: [{ path, message }] });
  });

  it('lets RegionOne and its zone through when they are allowed', () => {
    const policies = [
      policy({ kind: 'allowed-locations', regions: ['RegionOne'], zones: ['nova'] }, openStackOnly),
    ];
    expect(evaluateFarm(spec([openStackRole()]), policies)).toEqual([]);
    expect(atLaunch(spec([openStackRole()]), policies).ok).toBe(true);
  });

  it('refuses an image outside the allowed ones at launch, and on save when the role is known', () => {
    const farm = spec([openStackRole()]);
    const policies = [policy({ kind: 'allowed-images', imageIds: ['cirros-*'] }, openStackOnly)];
    expect(evaluateFarm(farm, policies, { roleOf: () => ({ imageId: OS_IMAGE }) })).toMatchObject([
      { path: 'farmRoles[0].roleId', message: `the role's image ${OS_IMAGE} is not allowed` },
    ]);
    expect(atLaunch(farm, policies).ok).toBe(false);
  });

  it('adds auto tags at launch and counts them as present for the required ones', () => {
    const farm = spec([openStackRole()]);
    const policies = [
      policy({ kind: 'auto-tags', tags: { owner: '${DROVER_FARM_NAME}' } }, openStackOnly),
      policy({ kind: 'required-tags', tags: [{ key: 'owner' }] }, openStackOnly),
    ];
    expect(evaluateFarm(farm, policies)).toEqual([]);
    expect(atLaunch(farm, policies)).toMatchObject({
      ok: true,
      launchSpec: { tags: { owner: 'shop-prod' } },
    });
  });

  it('refuses a launch past the maximum per farm role, and a farm role allowing more on save', () => {
    const policies = [policy({ kind: 'max-instances', perFarmRole: 1 }, openStackOnly)];
    expect(evaluateFarm(spec([openStackRole()]), policies)).toMatchObject([
      { path: 'farmRoles[0].maxInstances' },
    ]);
    const farm = spec([openStackRole({ maxInstances: 1 })]);
    const { launch, context } = launchOf(farm, { imageId: OS_IMAGE }, { role: 1, farm: 1 });
    expect(enforceLaunch(launch, policies, context).ok).toBe(false);
  });
});

describe('allowed zones and service offerings on CloudStack farm roles', () => {
  it('allows zone names and service offering names with inner spaces', () => {
    const farm = spec([cloudStackRole({ region: 'Zone One', zones: ['Zone One'] })]);
    const policies = [
      policy({ kind: 'allowed-locations', regions: ['Zone One'] }, { platform: 'cloudstack' }),
      policy(
        { kind: 'allowed-instance-types', instanceTypes: ['Small Instance'] },
        { platform: 'cloudstack' },
      ),
    ];
    expect(evaluateFarm(farm, policies)).toEqual([]);
    expect(atLaunch(farm, policies).ok).toBe(true);
    const medium = spec([
      cloudStackRole({ region: 'Zone One', zones: ['Zone One'], instanceType: 'Medium Instance' }),
    ]);
    expect(atLaunch(medium, policies)).toMatchObject({
      ok: false,
      violations: [{ message: 'instance type Medium Instance is not allowed' }],
    });
  });
});
