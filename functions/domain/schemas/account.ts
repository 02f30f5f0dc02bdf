// Account: a tenant. Every stored item belongs to exactly one account.
import { z } from 'zod';
import { idOf, Name, Timestamp } from './common';

/** Why and since when a platform operator suspended the account (its users and API tokens get 403). */
export const AccountSuspension = z
  .object({ reason: z.string().min(1).max(500), at: Timestamp })
  .meta({ id: 'AccountSuspension' });
export type AccountSuspension = z.infer<typeof AccountSuspension>;

export const Account = z
  .object({
    id: idOf('account'),
    name: Name,
    createdAt: Timestamp,
    /** Absent while the account is active. */
    suspension: AccountSuspension.optional(),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof Account>;
