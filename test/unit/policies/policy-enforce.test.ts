// enforceLaunch: what a policy fills in at launch, and what it refuses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enforceLaunch, evaluateFarm, expandVariables } from '../../../functions/domain/policies';
import { awsRole, gceRole, launchOf, policy, spec } from './policy-fixtures';

const SUBNET_A = 'subnet-0a0a0a0a0a0a0a0a0';
const SUBNET_B = 'subnet-0b0b0b0b0b0b0b0b0';
const SG = 'sg-0123456789abcdef0';

describe('enforceLaunch', () => {
  it.each([
    [
      'auto tags, with variables expanded',
      {
        kind: 'auto-tags',
        tags: { owner: '${DROVER_FARM_NAME}', where: '${DROVER_FARM_ROLE_ALIAS}@${DROVER_CLOUD_LOCATION}' },
      },
      spec([awsRole()]),
      (l: any) => expect(l.tags).toMatchObject({ owner: 'shop-prod', where: 'web@us-east-1', team: 'shop' }),
    ],
    [
      "the enforced subnet at the zone's position",
      { kind: 'enforced-network', subnetIds: [SUBNET_A, SUBNET_B] },
      spec([awsRole()]),
      (l: any) => expect(l.aws.subnetId).toBe(SUBNET_A),
    ],
    [
      'the enforced security groups when none are named',
      { kind: 'enforced-security-groups', securityGroupIds: [SG] },
      spec([awsRole()]),
      (l: any) => expect(l.aws.securityGroupIds).toEqual([SG]),
    ],
    [
      'the enforced instance profile',
      { kind: 'instance-identity', iamInstanceProfile: 'drover-web' },
      spec([awsRole()]),
      (l: any) => expect(l.aws.iamInstanceProfile).toBe('drover-web'),
    ],
    [
      'the enforced service account',
      { kind: 'instance-identity', serviceAccount: 'vm@p.iam.gserviceaccount.com' },
      spec([gceRole()]),
      (l: any) => expect(l.gce.serviceAccount).toBe('vm@p.iam.gserviceaccount.com'),
    ],
    [
      'the enforced GCE network and subnetwork',
      { kind: 'enforced-network', network: 'prod-net', subnetworks: ['prod-a'] },
      spec([gceRole()]),
      (l: any) => expect(l.gce).toMatchObject({ network: 'prod-net', subnetwork: 'prod-a' }),
    ],
    [
      'the enforced network tags when none are named',
      { kind: 'network-tags', networkTags: ['corp-fw'] },
      spec([gceRole()]),
      (l: any) => expect(l.gce.networkTags).toEqual(['corp-fw']),
    ],
  ])('fills in %s', (_why, rule, farm, check) => {
    const { launch, context } = launchOf(farm);
    const decision = enforceLaunch(launch, [policy(rule)], context);
    expect(decision.ok).toBe(true);
    if (decision.ok) check(decision.launchSpec);
  });

  it.each([
    [
      'a region a policy no longer allows',
      { kind: 'allowed-locations', regions: ['eu-*'] },
      {},
      'farmRoles[0].region',
    ],
    [
      'an instance type off the list',
      { kind: 'allowed-instance-types', instanceTypes: ['t3.micro'] },
      {},
      'farmRoles[0].instanceType',
    ],
    ['an image off the list', { kind: 'allowed-images', imageIds: ['ami-0fff*'] }, {}, 'farmRoles[0].roleId'],
    [
      'a subnet off the list',
      { kind: 'enforced-network', subnetIds: [SUBNET_A] },
      { subnet: SUBNET_B },
      'farmRoles[0].network.subnetIds',
    ],
    [
      'a public IP',
      { kind: 'enforced-network' },
      { publicIp: true },
      'farmRoles[0].network.associatePublicIp',
    ],
    [
      'a missing required tag',
      { kind: 'required-tags', tags: [{ key: 'cost-center' }] },
      {},
      'farmRoles[0].tags.cost-center',
    ],
    [
      'one server too many for the farm role',
      { kind: 'max-instances', perFarmRole: 2 },
      { role: 2 },
      'farmRoles[0].maxInstances',
    ],
    ['one server too many for the farm', { kind: 'max-instances', perFarm: 3 }, { farm: 3 }, 'farmRoles'],
    ['a farm name the naming policy refuses', { kind: 'naming', farmNamePattern: 'prod-.*' }, {}, 'name'],
  ])(
    'refuses %s',
    (_why, rule, how: { subnet?: string; publicIp?: boolean; role?: number; farm?: number }, path) => {
      const farm = spec([
        awsRole({
          network: { subnetIds: how.subnet ? [how.subnet] : [], associatePublicIp: how.publicIp ?? false },
        }),
      ]);
      const { launch, context } = launchOf(farm, {}, { role: how.role ?? 0, farm: how.farm ?? 0 });
      const decision = enforceLaunch(launch, [policy(rule)], context);
      expect(decision.ok).toBe(false);
      if (!decision.ok) expect(decision.violations.map((v) => v.path)).toEqual([path]);
    },
  );

  it("never overwrites Drover's own tags", () => {
    const { launch, context } = launchOf(spec([awsRole()]));
    const decision = enforceLaunch(
      launch,
      [policy({ kind: 'auto-tags', tags: { 'drover-farm': 'x' } })],
      context,
    );
    expect(decision.ok && decision.launchSpec.tags['drover-farm']).toBe('farm-1');
  });

  it('lets a tag an auto-tags policy adds satisfy required-tags', () => {
    const { launch, context } = launchOf(spec([awsRole()]));
    const decision = enforceLaunch(
      launch,
      [
        policy({ kind: 'required-tags', tags: [{ key: 'owner', pattern: 'shop-.*' }] }),
        policy({ kind: 'auto-tags', tags: { owner: '${DROVER_FARM_NAME}' } }),
      ],
      context,
    );
    expect(decision.ok).toBe(true);
  });

  it('leaves unknown variables as written', () => {
    expect(expandVariables('${DROVER_FARM_NAME}/${NOPE}', { DROVER_FARM_NAME: 'shop' })).toBe('shop/${NOPE}');
  });
});

describe('enforceLaunch properties', () => {
  const regions = fc.constantFrom('us-east-1', 'us-west-2', 'eu-west-1');
  const types = fc.constantFrom('t3.small', 't3.large', 'm5.large', 'c5.xlarge');
  const farmArb = fc
    .record({ region: regions, instanceType: types, maxInstances: fc.integer({ min: 1, max: 10 }) })
    .map(({ region, instanceType, maxInstances }) =>
      spec([awsRole({ region, zones: [`${region}a`], instanceType, maxInstances })]),
    );
  const rulesArb = fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constant('allowed-locations'),
        regions: fc.subarray(['us-east-1', 'us-west-2', 'eu-west-1'], { minLength: 1 }),
      }),
      fc.record({
        kind: fc.constant('allowed-instance-types'),
        instanceTypes: fc.subarray(['t3.*', 'm5.large', 'c5.xlarge'], { minLength: 1 }),
      }),
      fc.record({ kind: fc.constant('enforced-network'), subnetIds: fc.subarray([SUBNET_A, SUBNET_B]) }),
      fc.record({ kind: fc.constant('enforced-security-groups'), securityGroupIds: fc.constant([SG]) }),
      fc.record({ kind: fc.constant('instance-identity'), iamInstanceProfile: fc.constantFrom('a', 'b') }),
      fc.record({
        kind: fc.constant('auto-tags'),
        tags: fc.dictionary(
          fc.constantFrom('owner', 'cost', 'env'),
          fc.constantFrom('${DROVER_FARM_NAME}', 'x', '${DROVER_SERVER_ID}'),
          { minKeys: 1 },
        ),
      }),
      fc.record({
        kind: fc.constant('required-tags'),
        tags: fc.constant([{ key: 'team', pattern: '[a-z]+' }]),
      }),
      fc.record({ kind: fc.constant('max-instances'), perFarmRole: fc.integer({ min: 1, max: 10 }) }),
    ),
    { maxLength: 5 },
  );

  it('never refuses the first launch of a farm its policies allowed on save', () => {
    fc.assert(
      fc.property(farmArb, rulesArb, (farm, rules) => {
        const policies = rules.map((r) => policy(r));
        fc.pre(evaluateFarm(farm, policies).length === 0);
        const { launch, context } = launchOf(farm);
        expect(enforceLaunch(launch, policies, context).ok).toBe(true);
      }),
    );
  });

  it('is idempotent: enforcing an enforced launch changes nothing', () => {
    fc.assert(
      fc.property(farmArb, rulesArb, (farm, rules) => {
        const policies = rules.map((r) => policy(r));
        const { launch, context } = launchOf(farm);
        const once = enforceLaunch(launch, policies, context);
        fc.pre(once.ok);
        if (!once.ok) return;
        const twice = enforceLaunch(once.launchSpec, policies, context);
        expect(twice.ok && twice.launchSpec).toEqual(once.launchSpec);
      }),
    );
  });

  it('always carries every auto tag, so a required tag an auto tag names is satisfied', () => {
    fc.assert(
      fc.property(
        farmArb,
        fc.dictionary(fc.constantFrom('owner', 'cost', 'env'), fc.string({ minLength: 1, maxLength: 20 }), {
          minKeys: 1,
        }),
        (farm, tags) => {
          const policies = [
            policy({ kind: 'auto-tags', tags }),
            policy({
              kind: 'required-tags',
              tags: Object.keys(tags).map((key) => ({ key, pattern: '[\\s\\S]*' })),
            }),
          ];
          const { launch, context } = launchOf(farm);
          const decision = enforceLaunch(launch, policies, context);
          expect(decision.ok).toBe(true);
          if (decision.ok)
            for (const key of Object.keys(tags)) expect(decision.launchSpec.tags[key]).toBeDefined();
        },
      ),
    );
  });
});
