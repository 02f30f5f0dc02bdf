// A CloudStack farm role: its zone is its region (the driver maps a Drover region to one zone),
// service offerings are named freely, and its placement becomes the launch's `cloudstack` block
// (guest networks, security groups, key pair).
import { describe, expect, it } from 'vitest';
import { launchPlacement } from '../../../functions/domain/clouds/launch-placement';
import { FarmRole, FarmSpec } from '../../../functions/domain/schemas/farm';

const farmRole = (network: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) => ({
  platform: 'cloudstack',
  roleId: 'role-01jd7y9x2k0000000000000000',
  alias: 'web',
  credentialsId: 'cred-01jd7y9x2k0000000000000000',
  region: 'zone-1',
  zones: ['zone-1'],
  instanceType: 'Small Instance',
  minInstances: 1,
  maxInstances: 2,
  network,
  ...rest,
});

describe('a CloudStack farm role', () => {
  it('accepts a zone name as region and zone, a named service offering, and the zone’s default network', () => {
    const parsed = FarmRole.parse(farmRole({}, { fallbackInstanceTypes: ['Medium Instance'] }));
    expect(parsed).toMatchObject({
      region: 'zone-1',
      zones: ['zone-1'],
      instanceType: 'Small Instance',
      network: { networks: [], securityGroups: [] },
    });
    expect(launchPlacement(parsed, 'zone-1')).toEqual({ cloudstack: { networks: [], securityGroups: [] } });
  });

  it('carries networks, security groups and key pair into the launch', () => {
    const parsed = FarmRole.parse(
      farmRole({ networks: ['guest-net-1'], securityGroups: ['web', 'default'], keyPair: 'sandbox-key' }),
    );
    expect(launchPlacement(parsed, 'zone-1')).toEqual({
      cloudstack: { networks: ['guest-net-1'], securityGroups: ['web', 'default'], keyPair: 'sandbox-key' },
    });
  });

  it.each([
    ['a field CloudStack has not', { serverGroup: 'g' }, {}, ['network']],
    ['an empty key pair', { keyPair: '' }, {}, ['network', 'keyPair']],
    ['an empty service offering', {}, { instanceType: ' ' }, ['instanceType']],
  ])('refuses %s, naming the field', (_why, network, rest, path) => {
    const result = FarmRole.safeParse(farmRole(network, rest));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });

  it('refuses a zone other than its region: one zone is one Drover region', () => {
    const result = FarmSpec.safeParse({ name: 'cs', farmRoles: [farmRole({}, { zones: ['zone-2'] })] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['farmRoles', 0, 'zones', 0],
      message: 'a CloudStack zone is its region: must be zone-1',
    });
  });
});
