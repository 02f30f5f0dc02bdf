// Role: a reusable server template. Images are per platform and location, because an AMI
// exists in one region only; a GCE image is global (location `*`).
import { z } from 'zod';
import { Description, idOf, Name, Platform, Tags, Versioned } from './common';

export const OsFamily = z.enum(['linux', 'windows']);

/** EC2 and GCE region names; OpenStack's regions (`RegionOne`) and CloudStack's zones are named freely. */
const CLOUD_REGION = /^[a-z]+(-[a-z0-9]+)+$/;
const PRIVATE_LOCATION = /^[A-Za-z0-9][\w. :-]{0,254}$/;

export const RoleImage = z
  .object({
    platform: Platform,
    /** A region (`us-east-1`, `RegionOne`, a CloudStack zone), or `*` for every location of the platform. */
    location: z.string().min(1, 'must be a region name or *'),
    imageId: z.string().min(1).max(512),
  })
  .strict()
  .superRefine((image, ctx) => {
    const named = image.platform === 'aws' || image.platform === 'gce' ? CLOUD_REGION : PRIVATE_LOCATION;
    if (image.location !== '*' && !named.test(image.location))
      ctx.addIssue({ code: 'custom', path: ['location'], message: 'must be a region name or *' });
  });

const RoleFields = z
  .object({
    name: Name.regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, 'letters, digits, dot, dash and underscore only'),
    description: Description,
    /** null: an account-scoped role, usable in every environment. */
    environmentId: idOf('environment').nullable().default(null),
    osFamily: OsFamily,
    osName: z.string().max(64).default(''),
    images: z.array(RoleImage).min(1, 'a role needs at least one image').max(200),
    defaultInstanceTypes: z
      .object({
        aws: z.string().min(1).optional(),
        gce: z.string().min(1).optional(),
        /** A flavor name (m1.small). */
        openstack: z.string().min(1).optional(),
        /** A service offering name or id (Small Instance). */
        cloudstack: z.string().min(1).optional(),
      })
      .strict()
      .default({}),
    tags: Tags,
  })
  .strict();

export const RoleInput = RoleFields.superRefine((role, ctx) => {
  const seen = new Set<string>();
  role.images.forEach((image, i) => {
    const key = `${image.platform}/${image.location}`;
    if (seen.has(key))
      ctx.addIssue({
        code: 'custom',
        path: ['images', i, 'location'],
        message: `duplicate image for ${key}`,
      });
    seen.add(key);
  });
}).meta({ id: 'RoleInput' });
export type RoleInput = z.infer<typeof RoleInput>;

export const Role = RoleFields.extend({ id: idOf('role'), accountId: idOf('account') })
  .extend(Versioned.shape)
  .meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;
