'use client';
// Where a farm role runs: platform, role (those with an image for the platform) and cloud
// credentials. Changing the platform resets what belongs to the old one; choosing a role fills
// the instance type from its defaults when none is set.
import type { CloudCredentials, Role } from '../../lib/api-client';
import { defaultVolumeType, type Platform } from '../../lib/farm-draft';
import { SelectField } from '../form-choices';
import type { FarmRolePartProps } from './farm-role-part';

export const platformNames: Record<Platform, string> = {
  aws: 'AWS EC2',
  gce: 'Google Compute Engine',
  openstack: 'OpenStack',
  cloudstack: 'Apache CloudStack',
};
const platformChoices = (Object.keys(platformNames) as Platform[]).map((p) => ({
  value: p,
  label: platformNames[p],
}));

function credentialsPrompt(platform: Platform, listed: CloudCredentials[] | undefined): string {
  if (!listed) return 'Loading…';
  return listed.length ? 'Choose credentials' : `No ${platformNames[platform]} credentials`;
}

export function FarmRolePlacement({
  draft,
  set,
  field,
  roles,
  credentials,
}: FarmRolePartProps & { roles: Role[] | undefined; credentials: CloudCredentials[] | undefined }) {
  const platformCredentials = credentials?.filter((c) => c.platform === draft.platform);
  const platformRoles = roles?.filter((r) => r.images.some((image) => image.platform === draft.platform));

  function setPlatform(platform: Platform) {
    set({
      platform,
      credentialsId: credentials?.find((c) => c.platform === platform)?.id ?? '',
      roleId: '',
      region: '',
      zones: [],
      instanceType: '',
      volumes: draft.volumes.map((v) => ({ ...v, type: defaultVolumeType[platform] })),
    });
  }

  function setRole(roleId: string) {
    const role = roles?.find((r) => r.id === roleId);
    set({ roleId, instanceType: draft.instanceType || role?.defaultInstanceTypes[draft.platform] || '' });
  }

  return (
    <>
      <SelectField
        {...field('platform')}
        label="Platform"
        options={platformChoices}
        value={draft.platform}
        onChange={(value) => setPlatform(value as Platform)}
        disabled={Boolean(draft.id)}
      />
      <SelectField
        {...field('roleId')}
        label="Role"
        empty={platformRoles ? 'Choose a role' : 'Loading…'}
        options={(platformRoles ?? []).map((r) => ({
          value: r.id,
          label: `${r.name}${r.osName ? ` (${r.osName})` : ''}`,
        }))}
        value={draft.roleId}
        onChange={setRole}
      />
      <SelectField
        {...field('credentialsId')}
        label="Cloud credentials"
        empty={credentialsPrompt(draft.platform, platformCredentials)}
        options={(platformCredentials ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={draft.credentialsId}
        onChange={(credentialsId) => set({ credentialsId, region: '', zones: [], instanceType: '' })}
      />
    </>
  );
}
