// The Cognito user pool as Drover's user directory. The pool signs in by email (email is the
// username attribute), so every admin call names the user by email, which Drover never changes.
// `custom:account_id` and `custom:user_id` are written here once (immutable in the pool) and
// come back in every ID token the API trusts.
//
// Without an initial password Cognito emails an invitation with a temporary one (the user
// chooses their own at first sign-in). With one, the admin has chosen it for someone (a demo
// user, a break-glass account): it is set permanent, so the sign-in works as given, without a
// NEW_PASSWORD_REQUIRED challenge. It goes in as the temporary password of AdminCreateUser
// first, so Cognito checks it against the pool's policy before anything exists.
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { Conflict, Unprocessable } from '../../domain/errors';
import type { DirectoryUserRef, NewDirectoryUser, UserDirectory } from '../../ports/user-directory';

export interface CognitoUserDirectoryOptions {
  userPoolId: string;
  /** Tests point the real client at a stand-in. */
  client?: CognitoIdentityProviderClient;
}

export function createCognitoUserDirectory(options: CognitoUserDirectoryOptions): UserDirectory {
  const client = options.client ?? new CognitoIdentityProviderClient({});
  const UserPoolId = options.userPoolId;

  const deleteUser = async (user: DirectoryUserRef) => {
    await client
      .send(new AdminDeleteUserCommand({ UserPoolId, Username: user.email }))
      .catch(ignoreMissingUser);
  };

  return {
    async createUser(user: NewDirectoryUser) {
      try {
        await client.send(
          new AdminCreateUserCommand({
            UserPoolId,
            Username: user.email,
            UserAttributes: [
              { Name: 'email', Value: user.email },
              // The admin vouches for the address; the invitation goes to it.
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: user.name },
              { Name: 'custom:account_id', Value: user.accountId },
              { Name: 'custom:user_id', Value: user.userId },
            ],
            ...(user.initialPassword
              ? { TemporaryPassword: user.initialPassword, MessageAction: 'SUPPRESS' }
              : { DesiredDeliveryMediums: ['EMAIL'] }),
          }),
        );
      } catch (err) {
        throw mapCreateError(err, user.email);
      }
      if (!user.initialPassword) return;
      try {
        await client.send(
          new AdminSetUserPasswordCommand({
            UserPoolId,
            Username: user.email,
            Password: user.initialPassword,
            Permanent: true,
          }),
        );
      } catch (err) {
        // Nothing half-made: the user Cognito just created goes again.
        await deleteUser(user);
        throw mapCreateError(err, user.email);
      }
    },

    async disableUser(user) {
      // Also revokes the user's refresh tokens, so no new ID token comes from a running session.
      await client
        .send(new AdminDisableUserCommand({ UserPoolId, Username: user.email }))
        .catch(ignoreMissingUser);
    },

    deleteUser,
  };
}

function mapCreateError(err: unknown, email: string): unknown {
  const name = (err as { name?: string }).name;
  if (name === 'UsernameExistsException' || name === 'AliasExistsException')
    return new Conflict(`The identity provider already has a user with the email ${email}`);
  if (name === 'InvalidPasswordException')
    return new Unprocessable('The initial password does not meet the password policy of the user pool', [
      { in: 'body', path: 'initialPassword', message: (err as Error).message },
    ]);
  return err;
}

function ignoreMissingUser(err: unknown) {
  if ((err as { name?: string }).name !== 'UserNotFoundException') throw err;
}
