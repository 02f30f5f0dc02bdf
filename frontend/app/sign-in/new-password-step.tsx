'use client';
// An invited user's first sign-in: the temporary password was right, Cognito wants their own.
// An expired or used challenge goes back to the first step with the reason (onExpired).
import { type FormEvent, useState } from 'react';
import { PASSWORD_POLICY_HINT } from '../../../functions/domain/access/sign-in';
import { ProblemNotice } from '../../components/problem-notice';
import { api, NewPasswordForm } from '../../lib/api-client';
import { ApiProblem } from '../../lib/api-problem';
import type { Session } from '../../lib/session';
import { firstErrors, type SignInErrors, SignInField } from './sign-in-field';

export interface Challenge {
  email: string;
  session: string;
}

export function NewPasswordStep({
  challenge,
  onSignedIn,
  onExpired,
}: {
  challenge: Challenge;
  onSignedIn: (session: Session) => void;
  onExpired: (problem: ApiProblem) => void;
}) {
  const [fieldErrors, setFieldErrors] = useState<SignInErrors>({});
  const [problem, setProblem] = useState<ApiProblem>();
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = NewPasswordForm.safeParse({
      newPassword: form.get('newPassword'),
      repeat: form.get('repeat'),
    });
    setProblem(undefined);
    if (!parsed.success) return setFieldErrors(firstErrors(parsed.error));
    setFieldErrors({});
    setSubmitting(true);
    try {
      onSignedIn(await api.completeNewPassword({ ...challenge, newPassword: parsed.data.newPassword }));
    } catch (error) {
      const failure = error instanceof ApiProblem ? error : ApiProblem.network(error);
      setFieldErrors(failure.fieldErrors());
      setProblem(failure);
      setSubmitting(false);
      if (failure.status === 401) onExpired(failure);
    }
  }

  return (
    <form className="panel sign-in" onSubmit={onSubmit} noValidate aria-labelledby="new-password-heading">
      <h1 id="new-password-heading">Choose your password</h1>
      <p className="muted">
        {challenge.email} signed in with a temporary password. Choose your own to finish.
      </p>
      <div className="problem-slot">{problem && <ProblemNotice problem={problem} />}</div>
      <SignInField
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_POLICY_HINT}
        error={fieldErrors.newPassword}
      />
      <SignInField
        name="repeat"
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        error={fieldErrors.repeat}
      />
      <button type="submit" className="button button-primary button-wide" disabled={submitting}>
        {submitting ? 'Saving…' : 'Set password and sign in'}
      </button>
    </form>
  );
}
