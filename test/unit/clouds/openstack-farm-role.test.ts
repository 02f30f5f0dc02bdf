// An OpenStack farm role: its placement fields parse with OpenStack's own region and zone names,
// and become the launch's `openstack` block (networks, security groups, key pair, server group).
import { describe, expect, it } from 'vitest';
import { launchPlacement } from '../../../functions/domain/clouds/launch-placement';
import { FarmRole } from '../../../functions/domain/schemas/farm';

const farmRole = (network: Record<string, unknown> = {}) => ({
  platform: 'openstack',
  roleId: 'role-01jd7y9x2k0000000000000000',
  alias: 'web',
  credentialsId: 'cred-01jd7y9x2k0000000000000000',
  region: 'RegionOne',
  zones: ['nova', 'az-2'],
  instanceType: 'm1.small',
  minInstances: 1,
  maxInstances: 2,
  network,
});

describe('an OpenStack farm role', () => {
  it('accepts OpenStack region and zone names and defaults to the project’s network', () => {
    const parsed = FarmRole.parse(farmRole());
    expect(parsed).toMatchObject({
      region: 'RegionOne',
      zones: ['nova', 'az-2'],
      network: { networks: [], securityGroups: [] },
    });
    expect(launchPlacement(parsed, 'nova')).toEqual({ openstack: { networks: [], securityGroups: [] } });
  });

  it('carries networks, security groups, key pair and server group into the launch', () => {
    const parsed = FarmRole.parse(
      farmRole({
        networks: ['private'],
        securityGroups: ['web', 'default'],
        keyName: 'ops',
        serverGroup: '0f8fad5b-d9cb-469f-a165-70867728950e',
      }),
    );
    expect(launchPlacement(parsed, 'az-2')).toEqual({
      openstack: {
        networks: ['private'],
        securityGroups: ['web', 'default'],
        keyName: 'ops',
        serverGroup: '0f8fad5b-d9cb-469f-a165-70867728950e',
      },
    });
  });

  it.each([
    ['a server group that is no id', { serverGroup: 'group-a' }, ['network', 'serverGroup']],
    ['a field OpenStack has not', { subnetIds: ['subnet-1'] }, ['network']],
  ])('refuses %s, naming the field', (_why, network, path) => {
    const result = FarmRole.safeParse(farmRole(network));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});
