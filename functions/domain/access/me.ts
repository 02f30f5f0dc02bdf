// Me: the caller as the API sees it (`GET /v1/me`) — the user, how they signed in, and the widest
// farm scope of each permission they hold per environment. One schema for the route, the OpenAPI
// document and the portal, which reads it to show what a user may do and why not.
import { z } from 'zod';
import { AccountRole, FarmScope, PermissionName } from './permissions';
import { User } from './user';

export const Me = z
  .object({
    user: User,
    accountRole: AccountRole,
    via: z.enum(['user', 'api-token', 'agent', 'system']),
    apiToken: z.object({ id: z.string(), permissions: z.array(z.string()).nullable() }).nullable(),
    teamIds: z.array(z.string()),
    environments: z.array(
      z.object({
        environmentId: z.string(),
        name: z.string(),
        /** Permission → widest farm scope the caller holds there. */
        permissions: z.partialRecord(PermissionName, FarmScope),
      }),
    ),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;
