// Team: users granted environments, each with an ACL role (Scalr's model). A user's rights in an
// environment are the union of what their teams' grants there allow.
import { z } from 'zod';
import { Description, idOf, Name, Versioned } from '../schemas/common';
import { AclRoleId } from './acl-role';

export const TeamGrant = z.object({ environmentId: idOf('environment'), aclRoleId: AclRoleId }).strict();
export type TeamGrant = z.infer<typeof TeamGrant>;

export const TeamInput = z
  .object({
    name: Name.regex(
      /^[a-zA-Z0-9][a-zA-Z0-9 ._-]*$/,
      'letters, digits, space, dot, dash and underscore only',
    ),
    description: Description,
    memberIds: z.array(idOf('user')).max(1000).default([]),
    grants: z
      .array(TeamGrant)
      .max(500)
      .default([])
      .refine(
        (grants) => new Set(grants.map((g) => g.environmentId)).size === grants.length,
        'one grant per environment',
      ),
  })
  .strict()
  .meta({ id: 'TeamInput' });
export type TeamInput = z.infer<typeof TeamInput>;

export const Team = TeamInput.extend({ id: idOf('team'), accountId: idOf('account') })
  .extend(Versioned.shape)
  .meta({ id: 'Team' });
export type Team = z.infer<typeof Team>;
