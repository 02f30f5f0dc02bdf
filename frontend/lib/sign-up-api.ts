// The portal's client of sign-up (functions/handlers/api/accounts-routes.ts): POST /accounts with
// the API's own SignUpInput, the answer parsed with SignUpResult. The form adds only the repeated
// password, which never leaves the browser. Where the deployment verifies emails (AWS), the emailed
// code goes to POST /accounts/verify, and POST /accounts/resend-code asks for another.
import { z } from 'zod';
import {
  type ResendCodeInput,
  ResendCodeResult,
  SignUpInput,
  SignUpResult,
  type VerifyEmailInput,
  VerifyEmailResult,
} from '../../functions/domain/accounts/sign-up';
import { request } from './api-client';

export { SignUpInput, VerifyEmailInput } from '../../functions/domain/accounts/sign-up';

export const SignUpForm = SignUpInput.extend({ repeat: z.string() }).refine((f) => f.password === f.repeat, {
  path: ['repeat'],
  message: 'does not match the password',
});
export type SignUpForm = z.infer<typeof SignUpForm>;

export const signUpApi = {
  async signUp(input: SignUpInput): Promise<SignUpResult> {
    return (await request('/accounts', { method: 'POST', body: input, schema: SignUpResult, auth: false }))
      .data;
  },
  async verify(input: VerifyEmailInput): Promise<VerifyEmailResult> {
    return (
      await request('/accounts/verify', {
        method: 'POST',
        body: input,
        schema: VerifyEmailResult,
        auth: false,
      })
    ).data;
  },
  async resendCode(input: ResendCodeInput): Promise<ResendCodeResult> {
    return (
      await request('/accounts/resend-code', {
        method: 'POST',
        body: input,
        schema: ResendCodeResult,
        auth: false,
      })
    ).data;
  },
};
