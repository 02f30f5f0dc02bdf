// The role form's state and its conversion to the shared RoleInput.
import type { Platform } from '../../functions/domain/schemas/common';
import type { Role } from '../../functions/domain/schemas/role';
import { draftKey } from './farm-draft';

export interface ImageDraft {
  key: string;
  platform: Platform;
  location: string;
  imageId: string;
}

export interface RoleDraft {
  name: string;
  description: string;
  /** Scoped to the environment it was created in, or to the whole account. */
  accountWide: boolean;
  osFamily: 'linux' | 'windows';
  osName: string;
  images: ImageDraft[];
  defaultAws: string;
  defaultGce: string;
  /** A flavor name (m1.small). */
  defaultOpenStack: string;
  /** A service offering name or id (Small Instance). */
  defaultCloudStack: string;
  tags: string;
}

export const emptyImage = (platform: Platform = 'aws'): ImageDraft => ({
  key: draftKey('img'),
  platform,
  // A GCE image is global; an AWS one lives in a region; a private cloud's is usually everywhere.
  location: platform === 'aws' ? '' : '*',
  imageId: '',
});

export const emptyRole = (): RoleDraft => ({
  name: '',
  description: '',
  accountWide: false,
  osFamily: 'linux',
  osName: '',
  images: [emptyImage('aws')],
  defaultAws: '',
  defaultGce: '',
  defaultOpenStack: '',
  defaultCloudStack: '',
  tags: '',
});

export function roleDraft(role: Role): RoleDraft {
  return {
    name: role.name,
    description: role.description,
    accountWide: role.environmentId === null,
    osFamily: role.osFamily,
    osName: role.osName,
    images: role.images.map((i) => ({ key: draftKey('img'), ...i })),
    defaultAws: role.defaultInstanceTypes.aws ?? '',
    defaultGce: role.defaultInstanceTypes.gce ?? '',
    defaultOpenStack: role.defaultInstanceTypes.openstack ?? '',
    defaultCloudStack: role.defaultInstanceTypes.cloudstack ?? '',
    tags: Object.entries(role.tags)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  };
}

export function toRoleInput(draft: RoleDraft, environmentId: string | null) {
  const tags: Record<string, string> = {};
  for (const line of draft.tags.split('\n')) {
    if (!line.trim()) continue;
    const at = line.indexOf('=');
    tags[(at < 0 ? line : line.slice(0, at)).trim()] = at < 0 ? '' : line.slice(at + 1).trim();
  }
  return {
    name: draft.name,
    description: draft.description,
    environmentId: draft.accountWide ? null : environmentId,
    osFamily: draft.osFamily,
    osName: draft.osName,
    images: draft.images.map(({ platform, location, imageId }) => ({
      platform,
      location: location.trim(),
      imageId: imageId.trim(),
    })),
    defaultInstanceTypes: {
      ...(draft.defaultAws.trim() ? { aws: draft.defaultAws.trim() } : {}),
      ...(draft.defaultGce.trim() ? { gce: draft.defaultGce.trim() } : {}),
      ...(draft.defaultOpenStack.trim() ? { openstack: draft.defaultOpenStack.trim() } : {}),
      ...(draft.defaultCloudStack.trim() ? { cloudstack: draft.defaultCloudStack.trim() } : {}),
    },
    tags,
  };
}
