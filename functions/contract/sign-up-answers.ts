// What sign-up and its email verification answer: the new account and where to go next, whose
// paths are the routes' own (sign-up-paths.ts). In the contract, not the domain, because those
// paths belong to the route table, which the domain does not import.
import { z } from 'zod';
import { Email, User } from '../domain/access/user';
import { Account } from '../domain/schemas/account';
import { Environment } from '../domain/schemas/environment';
import { RESEND_CODE_PATH, SIGN_IN_PATH, VERIFY_EMAIL_PATH } from './sign-up-paths';

/** How to sign in: the route and the email (the password is the one chosen at sign-up). */
const SignInStep = z.object({ email: Email, tokenPath: z.literal(SIGN_IN_PATH) });

export const SignUpResult = z
  .object({
    account: Account,
    owner: User,
    environment: Environment,
    /**
     * `active`: sign in now (locally, and accounts an operator creates). `verification-required`:
     * Cognito emailed a code to the owner; sign-in answers 403 until it is sent to `verify.path`.
     */
    status: z.enum(['active', 'verification-required']),
    signIn: SignInStep,
    /** Present when `status` is `verification-required`: where to send the emailed code, and to ask for another. */
    verify: z
      .object({
        email: Email,
        path: z.literal(VERIFY_EMAIL_PATH),
        resendPath: z.literal(RESEND_CODE_PATH),
      })
      .optional(),
  })
  .meta({ id: 'SignUpResult' });
export type SignUpResult = z.infer<typeof SignUpResult>;

export const VerifyEmailResult = z
  .object({ verified: z.literal(true), signIn: SignInStep })
  .meta({ id: 'VerifyEmailResult' });
export type VerifyEmailResult = z.infer<typeof VerifyEmailResult>;
