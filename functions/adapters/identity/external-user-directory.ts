// The user directory when the API trusts an issuer Drover does not manage (`-c authIssuer=`):
// its admins create sign-ins there, with `custom:account_id` and `custom:user_id` claims naming
// the Drover user; Drover keeps only its own user and cannot take a password.
import { Unprocessable } from '../../domain/errors';
import type { UserDirectory } from '../../ports/user-directory';

export const externalUserDirectory: UserDirectory = {
  async createUser(user) {
    if (user.initialPassword)
      throw new Unprocessable('Passwords are set in the identity provider here, not through Drover', [
        {
          in: 'body',
          path: 'initialPassword',
          message: 'this deployment trusts an external identity provider',
        },
      ]);
  },
  async disableUser() {},
  async deleteUser() {},
};
