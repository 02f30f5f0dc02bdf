// Sign-in for the local issuer from the Store: a user found by email, with the password hash
// kept beside them (only the local runtime writes one). A user without a hash cannot sign in.
import type { Store } from '../../functions/ports/store';
import type { LocalUser } from './local-issuer';

export async function findStoreLogin(store: Store, email: string): Promise<LocalUser | undefined> {
  const user = await store.users.findByEmail(email);
  if (!user) return undefined;
  const passwordHash = await store.users.passwordHash({ accountId: user.accountId }, user.id);
  return passwordHash
    ? { userId: user.id, accountId: user.accountId, email: user.email, passwordHash }
    : undefined;
}
