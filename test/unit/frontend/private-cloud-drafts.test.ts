// The portal's drafts for private clouds: names with inner spaces stay whole (CloudStack's `Small
// Instance`, a `Guest Net 1`) in the chip picker and the farm role's lists; a role keeps its
// OpenStack and CloudStack defaults and images through the form; a security group policy is
// named as its platform names groups.
import { describe, expect, it } from 'vitest';
import { nameList } from '../../../frontend/lib/draft-text';
import { emptyPolicy, toPolicyInput } from '../../../frontend/lib/policy-draft';
import { privateCloudSpec } from '../../../frontend/lib/private-cloud-draft';
import { emptyImage, emptyRole, roleDraft, toRoleInput } from '../../../frontend/lib/role-draft';
import { PolicyInput } from '../../../functions/domain/schemas/policy';
import { type Role, RoleInput } from '../../../functions/domain/schemas/role';

describe('names as typed in the chip picker and the private clouds’ lists', () => {
  it.each([
    ['Small Instance', ['Small Instance']],
    ['Small Instance, Medium Instance', ['Small Instance', 'Medium Instance']],
    [' web ,, ssh access\nDefault Group ', ['web', 'ssh access', 'Default Group']],
    ['', []],
  ])('%j is %j', (text, names) => {
    expect(nameList(text)).toEqual(names);
  });

  it('keeps a CloudStack guest network and security group named with spaces whole', () => {
    const drafts = {
      openstack: { networks: '', securityGroups: '', keyName: '', serverGroup: '' },
      cloudstack: {
        networks: 'Guest Net 1, guest-net-2',
        securityGroups: 'Default Group',
        keyPair: 'sandbox-key',
      },
    };
    expect(privateCloudSpec({ ...drafts, platform: 'cloudstack' })).toEqual({
      platform: 'cloudstack',
      network: {
        networks: ['Guest Net 1', 'guest-net-2'],
        securityGroups: ['Default Group'],
        keyPair: 'sandbox-key',
      },
    });
  });
});

describe('a role with private cloud images', () => {
  const stored: Role = {
    id: 'role-01hzy3k5q8w2m4n6p8r0t2v4x6',
    accountId: 'acc-01hzy3k5q8w2m4n6p8r0t2v4x6',
    name: 'base',
    description: '',
    environmentId: null,
    osFamily: 'linux',
    osName: 'Debian 12',
    images: [
      { platform: 'openstack', location: 'RegionOne', imageId: '0d7f3b6a-8c1e-4e2b-a5f4-3c9d8e7f6a1b' },
      { platform: 'cloudstack', location: '*', imageId: '7a3d2b1c-0000-4000-8000-00000000c001' },
    ],
    defaultInstanceTypes: { openstack: 'm1.small', cloudstack: 'Small Instance' },
    tags: {},
    version: 3,
    createdAt: '2026-06-10T12:00:00.000Z',
    updatedAt: '2026-06-10T12:00:00.000Z',
  };

  it('comes back from the form unchanged, defaults and images included', () => {
    const input = RoleInput.parse(toRoleInput(roleDraft(stored), null));
    expect(input.images).toEqual(stored.images);
    expect(input.defaultInstanceTypes).toEqual({ openstack: 'm1.small', cloudstack: 'Small Instance' });
  });

  it('starts a private cloud image everywhere (*), an AWS one in a region to choose', () => {
    expect(emptyImage('openstack').location).toBe('*');
    expect(emptyImage('cloudstack').location).toBe('*');
    expect(emptyImage('aws').location).toBe('');
  });

  it('refuses an AWS image in a region EC2 does not name so, and takes RegionOne on OpenStack', () => {
    const role = (platform: string, location: string) => ({
      ...toRoleInput({ ...emptyRole(), name: 'r' }, null),
      images: [{ platform, location, imageId: 'x' }],
    });
    expect(RoleInput.safeParse(role('openstack', 'RegionOne')).success).toBe(true);
    expect(RoleInput.safeParse(role('cloudstack', 'Zone One')).success).toBe(true);
    const aws = RoleInput.safeParse(role('aws', 'RegionOne'));
    expect(aws.error?.issues.map((i) => i.path.join('.'))).toEqual(['images.0.location']);
  });
});

describe('security group policy drafts per platform', () => {
  const draft = (platform: '' | 'aws' | 'openstack' | 'cloudstack', groups: string[]) => ({
    ...emptyPolicy(),
    name: 'groups',
    platform,
    kind: 'allowed-security-groups' as const,
    securityGroupIds: groups,
  });

  it('saves OpenStack and CloudStack groups by name as the allowed ones', () => {
    expect(PolicyInput.parse(toPolicyInput(draft('openstack', ['web', 'ssh access']))).rule).toEqual({
      kind: 'allowed-security-groups',
      securityGroups: ['web', 'ssh access'],
    });
    expect(PolicyInput.safeParse(toPolicyInput(draft('cloudstack', ['Default Group']))).success).toBe(true);
  });

  it('names the group an AWS policy (or one of every platform) cannot take', () => {
    for (const platform of ['aws', ''] as const) {
      const parsed = PolicyInput.safeParse(toPolicyInput(draft(platform, ['sg-0123abcd', 'web'])));
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['rule.securityGroups.1']);
    }
  });
});
