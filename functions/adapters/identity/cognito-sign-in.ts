// Sign-in against the Cognito user pool for the API's /auth routes: USER_PASSWORD_AUTH with the
// portal's app client, so the browser and CLI talk only to Drover's API (same origin) and the
// API relays the password to Cognito over TLS. SRP would keep the password on the device but
// needs the client to run the SRP exchange with Cognito itself. The token handed back is the
// ID token: it carries `custom:account_id` and `custom:user_id`, which the API's authenticator
// reads (the access token does not, without a pre-token Lambda).
//
// InitiateAuth and RespondToAuthChallenge are public operations (no IAM), so this needs only the
// client id. The password is never logged: errors are mapped to typed ones without their input.
import {
  type AuthenticationResultType,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { NewPasswordRequired, type SignInToken } from '../../domain/access/sign-in';
import { EMAIL_NOT_VERIFIED } from '../../domain/accounts/sign-up';
import { Forbidden, TooManyRequests, Unauthorized, Unprocessable } from '../../domain/errors';
import type { SignIn } from '../../ports/sign-in';

export interface CognitoSignInOptions {
  /** The app client with USER_PASSWORD_AUTH enabled (infra/constructs/identity.ts). */
  clientId: string;
  /** Tests point the real client at a stand-in. */
  client?: CognitoIdentityProviderClient;
  now?: () => number;
}

const WRONG_CREDENTIALS = 'Wrong email or password';

export function createCognitoSignIn(options: CognitoSignInOptions): SignIn {
  const client = options.client ?? new CognitoIdentityProviderClient({});
  const now = options.now ?? Date.now;
  const ClientId = options.clientId;

  const tokenOf = (
    result: { AuthenticationResult?: AuthenticationResultType; ChallengeName?: string; Session?: string },
    allowNewPassword: boolean,
  ): SignInToken => {
    const auth = result.AuthenticationResult;
    if (auth?.IdToken) {
      const seconds = auth.ExpiresIn ?? 3600;
      return { accessToken: auth.IdToken, expiresAt: new Date(now() + seconds * 1000).toISOString() };
    }
    if (result.ChallengeName === 'NEW_PASSWORD_REQUIRED' && allowNewPassword && result.Session)
      throw new NewPasswordRequired(result.Session);
    // MFA (TOTP) and other challenges need an exchange the API does not relay yet.
    throw new Forbidden(
      `This sign-in needs a step the API does not support (${result.ChallengeName ?? 'no token'})`,
    );
  };

  return {
    async signIn(email, password) {
      try {
        const result = await client.send(
          new InitiateAuthCommand({
            ClientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: email, PASSWORD: password },
          }),
        );
        return tokenOf(result, true);
      } catch (err) {
        throw mapAuthError(err);
      }
    },

    async completeNewPassword(email, session, newPassword) {
      try {
        const result = await client.send(
          new RespondToAuthChallengeCommand({
            ClientId,
            ChallengeName: 'NEW_PASSWORD_REQUIRED',
            Session: session,
            ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
          }),
        );
        return tokenOf(result, false);
      } catch (err) {
        throw mapAuthError(err);
      }
    },
  };
}

/** Cognito's error types to Drover's; the SDK error (whose message never holds the password) is the cause. */
function mapAuthError(err: unknown): unknown {
  const name = (err as { name?: string }).name;
  switch (name) {
    // With preventUserExistenceErrors an unknown user is NotAuthorized too; map both to one answer.
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      return /session/i.test((err as Error).message)
        ? new Unauthorized('The sign-in session expired; sign in again with the temporary password')
        : new Unauthorized(WRONG_CREDENTIALS);
    case 'CodeMismatchException':
    case 'ExpiredCodeException':
      return new Unauthorized('The sign-in session expired; sign in again with the temporary password');
    case 'InvalidPasswordException':
      return new Unprocessable('The new password does not meet the password policy', [
        { in: 'body', path: 'newPassword', message: (err as Error).message },
      ]);
    case 'PasswordResetRequiredException':
      return new Forbidden('Your password must be reset; ask an administrator of your account');
    // Only self-service sign-ups are unconfirmed (admin-created users never are): the emailed code is missing.
    case 'UserNotConfirmedException':
      return new Forbidden(EMAIL_NOT_VERIFIED);
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
    case 'LimitExceededException':
    case 'ThrottlingException':
      return new TooManyRequests('Too many sign-in attempts; wait a minute and try again');
    default:
      return err;
  }
}
