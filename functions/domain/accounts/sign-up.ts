// Sign-up (`POST /api/v1/accounts`): a new customer account with its first owner and a first
// environment. One schema for the API, the OpenAPI document, the portal's Sign up form and
// `drover signup`; every string is bounded.
import { z } from 'zod';
import { Email, InitialPassword, User } from '../access/user';
import { Account } from '../schemas/account';
import { Name } from '../schemas/common';
import { Environment } from '../schemas/environment';

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

export const SignUpResult = z
  .object({
    account: Account,
    owner: User,
    environment: Environment,
    /** How to sign in now: the route and the email (the password is the one just chosen). */
    signIn: z.object({ email: Email, tokenPath: z.literal('/api/v1/auth/token') }),
  })
  .meta({ id: 'SignUpResult' });
export type SignUpResult = z.infer<typeof SignUpResult>;

/** Whether anyone may sign up (`open`) or only a platform operator may create accounts (`operator`). */
export const SignUpMode = z.enum(['open', 'operator']);
export type SignUpMode = z.infer<typeof SignUpMode>;
