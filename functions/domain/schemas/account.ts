// Account: a tenant. Every stored item belongs to exactly one account.
import { z } from 'zod';
import { idOf, Name, Timestamp } from './common';

export const Account = z
  .object({
    id: idOf('account'),
    name: Name,
    createdAt: Timestamp,
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof Account>;
