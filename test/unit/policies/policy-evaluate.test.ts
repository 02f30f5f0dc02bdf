// evaluateFarm: each rule kind, allowed and violated, with the field path and allowed values.
import { describe, expect, it } from 'vitest';
import { evaluateFarm } from '../../../functions/domain/policies';
import { awsRole, gceRole, NOW, OTHER_ROLE_ID, policy, ROLE_ID, spec } from './policy-fixtures';

const SUBNET_A = 'subnet-0a0a0a0a0a0a0a0a0';
const SUBNET_B = 'subnet-0b0b0b0b0b0b0b0b0';
const SG = 'sg-0123456789abcdef0';
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString();

describe('evaluateFarm', () => {
  it.each([
    // why, rule, farm, expected violation paths
    ['a region on the list', { kind: 'allowed-locations', regions: ['us-east-1'] }, spec([awsRole()]), []],
    ['a region family by glob', { kind: 'allowed-locations', regions: ['us-*'] }, spec([awsRole()]), []],
    [
      'a region off the list',
      { kind: 'allowed-locations', regions: ['eu-west-1'] },
      spec([awsRole()]),
      ['farmRoles[0].region'],
    ],
    [
      'a zone off the list',
      { kind: 'allowed-locations', regions: ['us-east-1'], zones: ['us-east-1a'] },
      spec([awsRole()]),
      ['farmRoles[0].zones[1]'],
    ],
    [
      'an allowed instance type',
      { kind: 'allowed-instance-types', instanceTypes: ['t3.*'] },
      spec([awsRole()]),
      [],
    ],
    [
      'an instance type and a fallback off the list',
      { kind: 'allowed-instance-types', instanceTypes: ['t3.small'] },
      spec([awsRole({ instanceType: 'm5.large', fallbackInstanceTypes: ['t3.small', 'c5.large'] })]),
      ['farmRoles[0].instanceType', 'farmRoles[0].fallbackInstanceTypes[1]'],
    ],
    ['an allowed role', { kind: 'allowed-roles', roleIds: [ROLE_ID] }, spec([awsRole()]), []],
    [
      'a role off the list',
      { kind: 'allowed-roles', roleIds: [OTHER_ROLE_ID] },
      spec([awsRole()]),
      ['farmRoles[0].roleId'],
    ],
    [
      'the enforced VPC and subnets',
      { kind: 'enforced-network', vpcId: 'vpc-0123456789abcdef0', subnetIds: [SUBNET_A] },
      spec([awsRole({ network: { vpcId: 'vpc-0123456789abcdef0', subnetIds: [SUBNET_A] } })]),
      [],
    ],
    [
      'no subnets named (they are filled in at launch)',
      { kind: 'enforced-network', subnetIds: [SUBNET_A] },
      spec([awsRole()]),
      [],
    ],
    [
      'another VPC, a subnet off the list and a public IP',
      { kind: 'enforced-network', vpcId: 'vpc-0123456789abcdef0', subnetIds: [SUBNET_A] },
      spec([
        awsRole({
          network: {
            vpcId: 'vpc-0fffffffffffffff0',
            subnetIds: [SUBNET_A, SUBNET_B],
            associatePublicIp: true,
          },
        }),
      ]),
      [
        'farmRoles[0].network.vpcId',
        'farmRoles[0].network.subnetIds[1]',
        'farmRoles[0].network.associatePublicIp',
      ],
    ],
    [
      'a GCE network other than the enforced one, with an external IP',
      { kind: 'enforced-network', network: 'prod-net', subnetworks: ['prod-a'] },
      spec([gceRole({ network: { network: 'dev-net', subnetwork: 'dev-a', externalIp: true } })]),
      ['farmRoles[0].network.network', 'farmRoles[0].network.subnetwork', 'farmRoles[0].network.externalIp'],
    ],
    [
      'security groups left empty (filled in at launch)',
      { kind: 'enforced-security-groups', securityGroupIds: [SG] },
      spec([awsRole()]),
      [],
    ],
    [
      'own security groups without the enforced one',
      { kind: 'enforced-security-groups', securityGroupIds: [SG] },
      spec([awsRole({ network: { securityGroupIds: ['sg-0fffffffffffffff0'] } })]),
      ['farmRoles[0].network.securityGroupIds'],
    ],
    [
      'own network tags without the enforced one',
      { kind: 'network-tags', networkTags: ['corp-fw'] },
      spec([gceRole({ network: { networkTags: ['web'] } })]),
      ['farmRoles[0].network.networkTags'],
    ],
    [
      'a required tag with a matching value',
      { kind: 'required-tags', tags: [{ key: 'team', pattern: '[a-z]+' }] },
      spec([awsRole()]),
      [],
    ],
    [
      'a required tag missing, and one with a bad value',
      {
        kind: 'required-tags',
        tags: [
          { key: 'cost-center', pattern: 'cc-[0-9]+' },
          { key: 'team', pattern: '[A-Z]+' },
        ],
      },
      spec([awsRole()]),
      ['farmRoles[0].tags.cost-center', 'farmRoles[0].tags.team'],
    ],
    [
      'auto tags never break a farm',
      { kind: 'auto-tags', tags: { owner: '${DROVER_FARM_NAME}' } },
      spec([awsRole()]),
      [],
    ],
    ['within the maximums', { kind: 'max-instances', perFarmRole: 2, perFarm: 4 }, spec([awsRole()]), []],
    [
      'above the maximum per farm role and per farm',
      { kind: 'max-instances', perFarmRole: 3, perFarm: 5 },
      spec([awsRole({ maxInstances: 4 }), awsRole({ alias: 'db', maxInstances: 2 })]),
      ['farmRoles[0].maxInstances', 'farmRoles'],
    ],
    [
      'no instance profile named (filled in at launch)',
      { kind: 'instance-identity', iamInstanceProfile: 'drover-web' },
      spec([awsRole()]),
      [],
    ],
    [
      'another instance profile',
      { kind: 'instance-identity', iamInstanceProfile: 'drover-web' },
      spec([awsRole({ iamInstanceProfile: 'admin' })]),
      ['farmRoles[0].iamInstanceProfile'],
    ],
    [
      'another service account',
      { kind: 'instance-identity', serviceAccount: 'vm@p.iam.gserviceaccount.com' },
      spec([gceRole({ serviceAccount: 'owner@p.iam.gserviceaccount.com' })]),
      ['farmRoles[0].serviceAccount'],
    ],
    [
      'a lease within the maximum',
      { kind: 'farm-lease', maxLifetimeHours: 48 },
      spec([awsRole()], { leaseExpiresAt: hours(24) }),
      [],
    ],
    [
      'a lease beyond the maximum',
      { kind: 'farm-lease', maxLifetimeHours: 48 },
      spec([awsRole()], { leaseExpiresAt: hours(72) }),
      ['leaseExpiresAt'],
    ],
    ['a name that matches', { kind: 'naming', farmNamePattern: '[a-z]+-(prod|dev)' }, spec([awsRole()]), []],
    [
      'a name that does not match',
      { kind: 'naming', farmNamePattern: '[a-z]+-(prod|dev)' },
      spec([awsRole()], { name: 'Shop' }),
      ['name'],
    ],
  ])('%s', (_why, rule, farm, paths) => {
    const violations = evaluateFarm(farm, [policy(rule)], { now: NOW });
    expect(violations.map((v) => v.path)).toEqual(paths);
    for (const v of violations) expect(v.rule).toBe((rule as { kind: string }).kind);
  });

  it('names the policy, the rule and the allowed values', () => {
    const p = policy(
      { kind: 'allowed-instance-types', instanceTypes: ['t3.micro', 't3.small'] },
      { name: 'small only' },
    );
    expect(evaluateFarm(spec([awsRole({ instanceType: 'm5.large' })]), [p])).toEqual([
      {
        policyId: p.id,
        policyName: 'small only',
        rule: 'allowed-instance-types',
        path: 'farmRoles[0].instanceType',
        message: 'instance type m5.large is not allowed',
        allowed: ['t3.micro', 't3.small'],
      },
    ]);
  });

  it('ignores disabled policies', () => {
    const p = policy({ kind: 'allowed-locations', regions: ['eu-west-1'] }, { enabled: false });
    expect(evaluateFarm(spec([awsRole()]), [p])).toEqual([]);
  });

  it("applies a platform's policy to that platform's farm roles only", () => {
    const p = policy({ kind: 'allowed-locations', regions: ['us-east-1'] }, { platform: 'aws' });
    expect(evaluateFarm(spec([awsRole(), gceRole()]), [p])).toEqual([]);
    const g = policy({ kind: 'allowed-locations', regions: ['us-east-1'] }, { platform: 'gce' });
    expect(evaluateFarm(spec([awsRole(), gceRole()]), [g]).map((v) => v.path)).toEqual([
      'farmRoles[1].region',
    ]);
  });

  it('counts a tag an auto-tags policy adds as present', () => {
    const required = policy({ kind: 'required-tags', tags: [{ key: 'owner' }] });
    const auto = policy({ kind: 'auto-tags', tags: { owner: '${DROVER_FARM_NAME}' } });
    expect(evaluateFarm(spec([awsRole()]), [required]).map((v) => v.path)).toEqual([
      'farmRoles[0].tags.owner',
    ]);
    expect(evaluateFarm(spec([awsRole()]), [required, auto])).toEqual([]);
  });

  it("checks the role's image and tags when the caller resolved them", () => {
    const images = policy({ kind: 'allowed-images', imageIds: ['ami-0aaaaaaaaaaaaaaa*'] });
    const tags = policy({ kind: 'required-tags', tags: [{ key: 'os' }] });
    const roleOf = () => ({ imageId: 'ami-0123456789abcdef0', tags: { os: 'linux' } });
    expect(evaluateFarm(spec([awsRole()]), [images, tags], { roleOf }).map((v) => v.path)).toEqual([
      'farmRoles[0].roleId',
    ]);
  });

  it('catches on save two policies that would fill in different values at launch', () => {
    const a = policy({ kind: 'instance-identity', iamInstanceProfile: 'drover-a' });
    const b = policy({ kind: 'instance-identity', iamInstanceProfile: 'drover-b' });
    expect(evaluateFarm(spec([awsRole()]), [a, b]).map((v) => [v.policyId, v.path])).toEqual([
      [b.id, 'farmRoles[0].iamInstanceProfile'],
    ]);
  });
});
