// Sign-up (`POST /api/v1/accounts`): a new customer account with its first owner and a first
// environment. One schema for the API, the OpenAPI document, the portal's Sign up form and
// `drover signup`; every string is bounded. The answers, which name the next steps' routes, are
// the contract's (functions/contract/sign-up-answers.ts).
import { z } from 'zod';
import { Email, InitialPassword } from '../access/user';
import { Name } from '../schemas/common';

/** The first environment of every signed-up account (the demo account's is `demo`). */
export const FIRST_ENVIRONMENT_NAME = 'default';

export const SignUpInput = z
  .object({
    accountName: Name,
    email: Email,
    /** The owner's first password: at least 10 characters here; Cognito's pool policy asks more (422 on `password`). */
    password: InitialPassword,
  })
  .strict()
  .meta({ id: 'SignUpInput' });
export type SignUpInput = z.infer<typeof SignUpInput>;

/**
 * Sign-in's 403 detail for an owner who has not sent back the emailed code yet: the portal's
 * sign-in page shows the code step when it sees it, so it is one constant.
 */
export const EMAIL_NOT_VERIFIED =
  'Your email is not verified yet: enter the code we emailed you (POST /api/v1/accounts/verify), or ask for a new one (POST /api/v1/accounts/resend-code)';

/** The code Cognito emails at sign-up: digits (Cognito sends six). */
export const VerificationCode = z
  .string()
  .trim()
  .regex(/^[0-9]{4,10}$/, 'must be the digits of the code we emailed you');

export const VerifyEmailInput = z
  .object({ email: Email, code: VerificationCode })
  .strict()
  .meta({ id: 'VerifyEmailInput' });
export type VerifyEmailInput = z.infer<typeof VerifyEmailInput>;

export const ResendCodeInput = z.object({ email: Email }).strict().meta({ id: 'ResendCodeInput' });
export type ResendCodeInput = z.infer<typeof ResendCodeInput>;

/** The same answer whether or not a sign-up waits for this email, so it tells nobody which emails exist. */
export const ResendCodeResult = z
  .object({ email: Email, message: z.string() })
  .meta({ id: 'ResendCodeResult' });
export type ResendCodeResult = z.infer<typeof ResendCodeResult>;

/** Whether anyone may sign up (`open`) or only a platform operator may create accounts (`operator`). */
export const SignUpMode = z.enum(['open', 'operator']);
export type SignUpMode = z.infer<typeof SignUpMode>;
