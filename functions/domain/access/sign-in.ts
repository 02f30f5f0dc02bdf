// Sign-in through the API (`POST /api/v1/auth/token`): email and password in, a bearer token out.
// An invited user's first sign-in is answered with a challenge instead: they choose their own
// password (`POST /api/v1/auth/new-password`) with the session the challenge carried.
import { z } from 'zod';
import { DroverError } from '../errors';
import { Email } from './user';

/** Long enough for any passphrase, short enough that a password never makes a large request. */
export const MAX_PASSWORD_LENGTH = 256;

const Password = z.string().min(1, 'is required').max(MAX_PASSWORD_LENGTH);

export const SignInInput = z.object({ email: Email, password: Password }).meta({ id: 'SignInInput' });
export type SignInInput = z.infer<typeof SignInInput>;

export const NewPasswordInput = z
  .object({
    email: Email,
    /** The `session` of the new-password-required problem. */
    session: z.string().min(1).max(4096),
    newPassword: Password,
  })
  .meta({ id: 'NewPasswordInput' });
export type NewPasswordInput = z.infer<typeof NewPasswordInput>;

export const SignInToken = z
  .object({
    /** The bearer token the API trusts (in AWS: Cognito's ID token, which carries the account claim). */
    accessToken: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'SignInToken' });
export type SignInToken = z.infer<typeof SignInToken>;

export const NEW_PASSWORD_REQUIRED_TYPE = 'https://drover.dev/problems/new-password-required';

/** What the password policy asks, for the portal and CLI to say before the directory refuses. */
export const PASSWORD_POLICY_HINT =
  'At least 12 characters, with a lower-case and an upper-case letter, a digit and a symbol.';

/**
 * The password was right but is temporary (an invited user): the user must choose their own,
 * sending `session` back with it. 409: the request conflicts with the sign-in's state.
 */
export class NewPasswordRequired extends DroverError {
  readonly status = 409;
  readonly title = 'New password required';
  readonly type = NEW_PASSWORD_REQUIRED_TYPE;
  constructor(readonly session: string) {
    super(`Choose a new password to finish signing in. ${PASSWORD_POLICY_HINT}`);
  }
}
