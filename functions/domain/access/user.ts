// User: a person of an account. Their account role decides account administration; what they
// may do in an environment comes from their teams' grants (team.ts, acl-role.ts).
import { z } from 'zod';
import { idOf, Name, Timestamp, Versioned } from '../schemas/common';
import { AccountRole } from './permissions';

export const Email = z
  .email()
  .max(254)
  .overwrite((e) => e.toLowerCase());

/**
 * A password the new user signs in with as given (permanent); without one, Cognito emails an
 * invitation (locally: no sign-in until one is set). Cognito's pool policy asks more (12 characters
 * of four kinds) and answers 422 on this field (functions/adapters/identity/cognito-user-directory.ts).
 */
export const InitialPassword = z.string().min(10, 'must be at least 10 characters').max(256);

export const UserInput = z
  .object({
    email: Email,
    name: Name,
    accountRole: AccountRole.default('user'),
    initialPassword: InitialPassword.optional(),
  })
  .strict()
  .meta({ id: 'UserInput' });
export type UserInput = z.infer<typeof UserInput>;

export const UserRoleChange = z.object({ accountRole: AccountRole }).strict().meta({ id: 'UserRoleChange' });

export const User = z
  .object({
    id: idOf('user'),
    accountId: idOf('account'),
    email: Email,
    name: Name,
    accountRole: AccountRole,
    lastSignInAt: Timestamp.nullable().default(null),
  })
  .extend(Versioned.shape)
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;
