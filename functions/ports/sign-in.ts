// How a person signs in through the API: the identity provider checks the password and issues
// the token the API trusts (Cognito's ID token in AWS; the local issuer's token locally).
import type { SignInToken } from '../domain/access/sign-in';

export interface SignIn {
  /**
   * Throws Unauthorized (the same message for an unknown email and a wrong password),
   * NewPasswordRequired (a temporary password: finish with completeNewPassword) or TooManyRequests.
   */
  signIn(email: string, password: string): Promise<SignInToken>;
  /** Answers the NewPasswordRequired challenge; Unprocessable (field newPassword) when the policy refuses it. */
  completeNewPassword(email: string, session: string, newPassword: string): Promise<SignInToken>;
}
