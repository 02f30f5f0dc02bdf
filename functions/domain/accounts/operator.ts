// What a platform operator (outside every account) sends and reads when running accounts.
import { z } from 'zod';
import { Account } from '../schemas/account';
import { idOf } from '../schemas/common';

export const SuspendAccountInput = z
  .object({ reason: z.string().trim().min(1, 'must not be empty').max(500) })
  .strict()
  .meta({ id: 'SuspendAccountInput' });
export type SuspendAccountInput = z.infer<typeof SuspendAccountInput>;

export const AccountParams = z.object({ accountId: idOf('account') });

/** An account as an operator sees it: the account and what it holds at a glance. */
export const OperatorAccount = Account.extend({
  status: z.enum(['active', 'suspended']),
  ownerEmails: z.array(z.string()),
}).meta({ id: 'OperatorAccount' });
export type OperatorAccount = z.infer<typeof OperatorAccount>;

/** The operator token's shape: `drvop_` and 43 base64url characters (32 random bytes). */
export const OPERATOR_TOKEN_PATTERN = /^drvop_[A-Za-z0-9_-]{43}$/;
