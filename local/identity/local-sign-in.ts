// The local runtime's sign-in behind the API's /auth routes: the built-in issuer checks the
// scrypt hash and mints the Cognito-shaped token. Local users have no temporary passwords (an
// admin sets a permanent one, or none), so the new-password challenge never arises here.
import { Unauthorized } from '../../functions/domain/errors';
import type { SignIn } from '../../functions/ports/sign-in';
import type { LocalIssuer } from './local-issuer';

export function createLocalSignIn(issuer: Pick<LocalIssuer, 'signIn'>): SignIn {
  return {
    signIn: (email, password) => issuer.signIn(email, password),
    async completeNewPassword() {
      throw new Unauthorized('The local runtime has no temporary passwords; sign in with your password');
    },
  };
}
