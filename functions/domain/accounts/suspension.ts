// What a suspended account's users and API tokens are told (403 on every call, and at sign-in).
import type { AccountSuspension } from '../schemas/account';

export function suspendedMessage(suspension: AccountSuspension): string {
  return `account suspended: ${suspension.reason}`;
}
