// Where a Drover user's sign-in lives: the identity provider (a Cognito user pool in AWS, the
// Store's scrypt hashes in the local runtime). The users service keeps the two in step: the
// Drover user is written first and removed again when the directory refuses (services/access/users.ts).
import type { AccountScope } from './repo-scopes';

/** Which sign-in: the Drover user it belongs to, and their email (the sign-in name). */
export interface DirectoryUserRef extends AccountScope {
  userId: string;
  email: string;
}

export interface NewDirectoryUser extends DirectoryUserRef {
  name: string;
  /**
   * A password the admin chose, usable at once (permanent). Without it the directory invites
   * the user (Cognito emails a temporary password; locally there is no sign-in until one is set).
   */
  initialPassword?: string;
}

export interface UserDirectory {
  /**
   * Creates the sign-in. Throws Conflict when the email already has one, Unprocessable (field
   * `initialPassword`) when the password does not meet the directory's policy. Creates nothing on failure.
   */
  createUser(user: NewDirectoryUser): Promise<void>;
  /** Stops the user signing in (and ends their sessions where the directory can). A missing user is already done. */
  disableUser(user: DirectoryUserRef): Promise<void>;
  /** Removes the sign-in. A missing user is already done, so a repeated removal converges. */
  deleteUser(user: DirectoryUserRef): Promise<void>;
}
