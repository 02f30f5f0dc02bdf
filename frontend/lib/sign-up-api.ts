// The portal's client of sign-up (functions/contract/accounts-routes.ts): POST /accounts with
// the API's own SignUpInput, the answer parsed with SignUpResult. The form adds only the repeated
// password, which never leaves the browser. Where the deployment verifies emails (AWS), the emailed
// code goes to POST /accounts/verify, and POST /accounts/resend-code asks for another.
import { z } from 'zod';
import type { SignUpResult, VerifyEmailResult } from '../../functions/contract/sign-up-answers';
import {
  type ResendCodeInput,
  type ResendCodeResult,
  SignUpInput,
  type VerifyEmailInput,
} from '../../functions/domain/accounts/sign-up';
import { portalApi } from './portal-client';

export { SignUpInput, VerifyEmailInput } from '../../functions/domain/accounts/sign-up';

export const SignUpForm = SignUpInput.extend({ repeat: z.string() }).refine((f) => f.password === f.repeat, {
  path: ['repeat'],
  message: 'does not match the password',
});
export type SignUpForm = z.infer<typeof SignUpForm>;

export const signUpApi = {
  async signUp(input: SignUpInput): Promise<SignUpResult> {
    return (await portalApi.signUp({ body: input })).body;
  },
  async verify(input: VerifyEmailInput): Promise<VerifyEmailResult> {
    return (await portalApi.verifySignUpEmail({ body: input })).body;
  },
  async resendCode(input: ResendCodeInput): Promise<ResendCodeResult> {
    return (await portalApi.resendSignUpCode({ body: input })).body;
  },
};
