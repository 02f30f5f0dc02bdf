// The local runtime's user directory: the scrypt hash kept beside the user in the Store, which
// the built-in issuer checks (store-logins.ts). A user created without an initial password has
// no sign-in until one is set; disabling removes the hash; deleting has nothing left to do, as
// the hash goes with the user's item.
import { NotFound } from '../../functions/domain/errors';
import type { PasswordHasher } from '../../functions/ports/identity';
import type { Store } from '../../functions/ports/store';
import type { UserDirectory } from '../../functions/ports/user-directory';

export function createStoreUserDirectory(store: Store, passwords: PasswordHasher): UserDirectory {
  return {
    async createUser(user) {
      if (!user.initialPassword) return;
      await store.users.setPasswordHash(user, user.userId, passwords.hash(user.initialPassword));
    },
    async disableUser(user) {
      await store.users.setPasswordHash(user, user.userId, null).catch((err) => {
        if (!(err instanceof NotFound)) throw err;
      });
    },
    async deleteUser() {},
  };
}
