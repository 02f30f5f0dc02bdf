// The second step of a self-service sign-up in AWS: the owner sends back the code Cognito
// emailed (or asks for another). Where emails are not verified (the local issuer, or an
// operator-created account) the sign-in is usable at once, so verifying answers 409 and asking
// for a code sends nothing — with the same words as for an unknown email.
import type { VerifyEmailResult } from '../../contract/sign-up-answers';
import { SIGN_IN_PATH } from '../../contract/sign-up-paths';
import type { ResendCodeInput, ResendCodeResult, VerifyEmailInput } from '../../domain/accounts/sign-up';
import { Conflict } from '../../domain/errors';
import type { EmailVerification } from '../../ports/email-verification';

export interface EmailVerificationDeps {
  emailVerification?: EmailVerification;
}

export async function verifyEmail(
  deps: EmailVerificationDeps,
  input: VerifyEmailInput,
): Promise<VerifyEmailResult> {
  if (!deps.emailVerification)
    throw new Conflict('This deployment does not verify emails: a new account can sign in at once');
  await deps.emailVerification.confirm(input.email, input.code);
  return { verified: true, signIn: { email: input.email, tokenPath: SIGN_IN_PATH } };
}

export async function resendCode(
  deps: EmailVerificationDeps,
  input: ResendCodeInput,
): Promise<ResendCodeResult> {
  await deps.emailVerification?.resendCode(input.email);
  return {
    email: input.email,
    message: 'If a sign-up with this email waits for verification, a new code is on its way',
  };
}
