// Policies on CloudStack farm roles, as Scalr had them: allowed networks (the enforced network
// rule's list, the first injected when a farm role names none), zones, service offerings,
// templates, required tags and maximum instances — checked when the farm is saved and again at
// each launch, where a policy changed after the save is caught.
import { describe, expect, it } from 'vitest';
import { enforceLaunch, evaluateFarm } from '../../../functions/domain/policies';
import { cloudStackRole, launchOf, policy, spec } from './policy-fixtures';

const TEMPLATE = '7a3d2b1c-0000-4000-8000-00000000c001';

const cloudStackOnly = { platform: 'cloudstack' };

describe('policies on a CloudStack farm role', () => {
  it.each([
    [
      'a network the policy does not allow',
      { kind: 'enforced-network', subnetworks: ['guest-net-2'] },
      'farmRoles[0].network.networks[0]',
      'network guest-net-1 is not allowed',
    ],
    [
      'a zone outside the allowed ones',
      { kind: 'allowed-locations', regions: ['zone-2'] },
      'farmRoles[0].region',
      'region zone-1 is not allowed',
    ],
    [
      'a service offering outside the allowed ones',
      { kind: 'allowed-instance-types', instanceTypes: ['Medium*', 'Large Instance'] },
      'farmRoles[0].instanceType',
      'instance type Small Instance is not allowed',
    ],
    [
      'a missing required tag',
      { kind: 'required-tags', tags: [{ key: 'cost-centre' }] },
      'farmRoles[0].tags.cost-centre',
      'tag cost-centre is required (value matching .+)',
    ],
  ])('refuses %s on save and at launch', (_why, rule, field, message) => {
    const farm = spec([cloudStackRole()]);
    const policies = [policy(rule, cloudStackOnly)];
    expect(evaluateFarm(farm, policies)).toMatchObject([{ path: field, message }]);
    const { launch, context } = launchOf(farm, { imageId: TEMPLATE });
    const decision = enforceLaunch(launch, policies, context);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.violations).toMatchObject([{ message }]);
  });

  it('refuses a template outside the allowed ones at launch (and on save when the role is known)', () => {
    const farm = spec([cloudStackRole()]);
    const policies = [policy({ kind: 'allowed-images', imageIds: ['other-template'] }, cloudStackOnly)];
    expect(evaluateFarm(farm, policies, { roleOf: () => ({ imageId: TEMPLATE }) })).toHaveLength(1);
    const { launch, context } = launchOf(farm, { imageId: TEMPLATE });
    expect(enforceLaunch(launch, policies, context).ok).toBe(false);
  });

  it('refuses a launch past the maximum instances, and a farm role allowing more on save', () => {
    const policies = [policy({ kind: 'max-instances', perFarmRole: 1 }, cloudStackOnly)];
    expect(evaluateFarm(spec([cloudStackRole()]), policies)).toHaveLength(1);
    const farm = spec([cloudStackRole({ minInstances: 1, maxInstances: 1 })]);
    const { launch, context } = launchOf(farm, { imageId: TEMPLATE }, { role: 1, farm: 1 });
    expect(enforceLaunch(launch, policies, context).ok).toBe(false);
  });

  it('injects the first allowed network when the farm role names none, and lets it launch', () => {
    const farm = spec([cloudStackRole({ network: { securityGroups: [] } })]);
    const policies = [policy({ kind: 'enforced-network', subnetworks: ['guest-net-2'] }, cloudStackOnly)];
    expect(evaluateFarm(farm, policies)).toEqual([]);
    const { launch, context } = launchOf(farm, { imageId: TEMPLATE });
    const decision = enforceLaunch(launch, policies, context);
    expect(decision).toMatchObject({
      ok: true,
      injected: ['network.networks'],
      launchSpec: { cloudstack: { networks: ['guest-net-2'] } },
    });
    expect(launch.cloudstack?.networks).toEqual([]);
  });

  it('catches at launch a network a policy disallowed after the farm was saved', () => {
    const farm = spec([cloudStackRole()]);
    expect(evaluateFarm(farm, [])).toEqual([]);
    const later = [policy({ kind: 'enforced-network', subnetworks: ['guest-net-2'] }, cloudStackOnly)];
    const { launch, context } = launchOf(farm, { imageId: TEMPLATE });
    const decision = enforceLaunch(launch, later, context);
    expect(decision.ok).toBe(false);
    if (!decision.ok)
      expect(decision.violations[0]).toMatchObject({ path: 'farmRoles[0].network.networks[0]' });
  });
});
