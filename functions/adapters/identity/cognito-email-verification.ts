// Self-service sign-up in the Cognito user pool: SignUp (Cognito emails a verification code and
// checks the password against the pool's policy), ConfirmSignUp and ResendConfirmationCode.
//
// These go through the pool's *sign-up* app client, not the portal's: SignUp must write
// `custom:account_id` and `custom:user_id`, and a public client allowed to write them would let
// anyone call Cognito directly and sign up with another tenant's ids. The sign-up client has a
// secret (so every call carries a SECRET_HASH) that only the access group reads, once per cold
// start, with DescribeUserPoolClient (infra/constructs/identity.ts grants it on this pool).
import { createHmac } from 'node:crypto';
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  DescribeUserPoolClientCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Conflict, InvalidInput, TooManyRequests, Unprocessable } from '../../domain/errors';
import type { EmailVerification } from '../../ports/email-verification';

export interface CognitoEmailVerificationOptions {
  userPoolId: string;
  /** The sign-up app client (with a secret). */
  clientId: string;
  /** Tests point the real client at a stand-in. */
  client?: CognitoIdentityProviderClient;
}

const WRONG_CODE = 'The code is wrong: check the email we sent, or ask for a new code';

export function createCognitoEmailVerification(options: CognitoEmailVerificationOptions): EmailVerification {
  const client = options.client ?? new CognitoIdentityProviderClient({});
  const ClientId = options.clientId;
  const secretHash = secretHasher(client, options.userPoolId, ClientId);

  return {
    async register(user) {
      try {
        await client.send(
          new SignUpCommand({
            ClientId,
            SecretHash: await secretHash(user.email),
            Username: user.email,
            Password: user.initialPassword,
            UserAttributes: [
              { Name: 'email', Value: user.email },
              { Name: 'name', Value: user.name },
              { Name: 'custom:account_id', Value: user.accountId },
              { Name: 'custom:user_id', Value: user.userId },
            ],
          }),
        );
      } catch (err) {
        throw mapError(err, user.email);
      }
    },

    async confirm(email, code) {
      try {
        await client.send(
          new ConfirmSignUpCommand({
            ClientId,
            SecretHash: await secretHash(email),
            Username: email,
            ConfirmationCode: code,
          }),
        );
      } catch (err) {
        throw mapError(err, email);
      }
    },

    async resendCode(email) {
      try {
        await client.send(
          new ResendConfirmationCodeCommand({
            ClientId,
            SecretHash: await secretHash(email),
            Username: email,
          }),
        );
      } catch (err) {
        const mapped = mapError(err, email);
        // Unknown, confirmed or wrong: the answer is the same, so nobody learns which emails exist.
        if (mapped instanceof TooManyRequests) throw mapped;
        if (mapped instanceof Error && mapped !== err) return;
        throw err;
      }
    },
  };
}

/**
 * Cognito's SECRET_HASH for a username: Base64(HMAC-SHA256(secret, username + client id)). The
 * client secret is read once (DescribeUserPoolClient) and kept; a failed read is tried again on the
 * next call rather than failing every call of this cold start.
 */
function secretHasher(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  clientId: string,
): (username: string) => Promise<string> {
  let secret: Promise<string> | undefined;
  const clientSecret = () => {
    secret ??= client
      .send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }))
      .then((res) => {
        const value = res.UserPoolClient?.ClientSecret;
        if (!value) throw new Error(`The sign-up app client ${clientId} has no secret`);
        return value;
      })
      .catch((err) => {
        secret = undefined;
        throw err;
      });
    return secret;
  };
  return async (username) =>
    createHmac('sha256', await clientSecret())
      .update(username + clientId)
      .digest('base64');
}

function mapError(err: unknown, email: string): unknown {
  const name = (err as { name?: string }).name;
  const codeIssue = (message: string) => new InvalidInput(message, [{ in: 'body', path: 'code', message }]);
  switch (name) {
    case 'UsernameExistsException':
    case 'AliasExistsException':
      return new Conflict(`The identity provider already has a user with the email ${email}`);
    case 'InvalidPasswordException':
      return new Unprocessable('The password does not meet the password policy of the user pool', [
        { in: 'body', path: 'initialPassword', message: (err as Error).message },
      ]);
    // An email with no pending sign-up is answered as a wrong code.
    case 'CodeMismatchException':
    case 'UserNotFoundException':
      return codeIssue(WRONG_CODE);
    case 'ExpiredCodeException':
      return codeIssue('The code has expired: ask for a new one');
    case 'NotAuthorizedException':
      return new Conflict('This email is already verified: sign in');
    case 'InvalidParameterException':
      // Cognito's answer to a resend for a confirmed user; for ConfirmSignUp it names a bad input.
      return /confirmed/i.test((err as Error).message)
        ? new Conflict('This email is already verified: sign in')
        : err;
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
    case 'LimitExceededException':
      return new TooManyRequests('Too many attempts for this email; wait a few minutes and try again');
    default:
      return err;
  }
}
