// Self-service sign-up that proves the owner holds their email: the identity provider creates an
// unconfirmed sign-in and emails a code (Cognito's SignUp); the code confirms it. Absent where
// emails are not verified (the local issuer): there sign-up makes a usable sign-in at once
// through the UserDirectory.
import type { NewDirectoryUser } from './user-directory';

export interface EmailVerification {
  /**
   * Creates the unconfirmed sign-in with this password and has a code emailed. Throws Conflict
   * when the email has a sign-in, Unprocessable (field `initialPassword`) when the password does
   * not meet the directory's policy. Creates nothing on failure.
   */
  register(user: NewDirectoryUser & { initialPassword: string }): Promise<void>;
  /**
   * Confirms the sign-in. Throws InvalidInput (field `code`) for a wrong or expired code and for
   * an email with no pending sign-up alike; Conflict when it is already confirmed.
   */
  confirm(email: string, code: string): Promise<void>;
  /** Emails a new code; an unknown or confirmed email is silently ignored (nothing tells them apart). */
  resendCode(email: string): Promise<void>;
}
