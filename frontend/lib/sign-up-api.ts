// The portal's client of sign-up (functions/handlers/api/accounts-routes.ts): POST /accounts with
// the API's own SignUpInput, the answer parsed with SignUpResult. The form adds only the repeated
// password, which never leaves the browser.
import { z } from 'zod';
import { SignUpInput, SignUpResult } from '../../functions/domain/accounts/sign-up';
import { request } from './api-client';

export { SignUpInput } from '../../functions/domain/accounts/sign-up';

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
};
