'use client';
// The second step of a sign-up where the deployment verifies emails (AWS): the code Cognito
// emailed, checked in the browser with the API's VerifyEmailInput, then POST /accounts/verify;
// "Send a new code" asks for another. A wrong or expired code shows under the field. Shown right
// after the Sign up form, and by the sign-in page when the API says the email is not verified yet.
import { type FormEvent, useState } from 'react';
import { ApiProblem } from '../lib/api-problem';
import { signUpApi, VerifyEmailInput } from '../lib/sign-up-api';
import { ProblemNotice } from './problem-notice';

export function VerifyEmailStep(props: { email: string; onVerified: () => Promise<void> }) {
  const [codeError, setCodeError] = useState<string>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);

  const fail = (error: unknown) => {
    const failure = error instanceof ApiProblem ? error : ApiProblem.network(error);
    setCodeError(failure.fieldErrors().code);
    setProblem(failure.fieldErrors().code ? undefined : failure);
    setBusy(false);
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = VerifyEmailInput.safeParse({
      email: props.email,
      code: new FormData(event.currentTarget).get('code'),
    });
    setProblem(undefined);
    setNotice(undefined);
    if (!parsed.success) {
      setCodeError(parsed.error.issues[0]?.message);
      return;
    }
    setCodeError(undefined);
    setBusy(true);
    try {
      await signUpApi.verify(parsed.data);
      await props.onVerified();
    } catch (error) {
      fail(error);
    }
  }

  async function resend() {
    setProblem(undefined);
    setBusy(true);
    try {
      await signUpApi.resendCode({ email: props.email });
      setNotice(`We sent a new code to ${props.email}.`);
      setBusy(false);
    } catch (error) {
      fail(error);
    }
  }

  return (
    <form className="panel sign-in" onSubmit={onSubmit} noValidate aria-labelledby="verify-heading">
      <h1 id="verify-heading">Enter the code we emailed you</h1>
      <p className="muted">
        To prove the address is yours, enter the code we sent to <strong>{props.email}</strong>.
      </p>
      <div className="problem-slot">{problem && <ProblemNotice problem={problem} />}</div>
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      <VerifyCodeField error={codeError} />
      <button type="submit" className="button button-primary button-wide" disabled={busy}>
        {busy ? 'Checking…' : 'Verify and sign in'}
      </button>
      <button type="button" className="button button-wide" onClick={resend} disabled={busy}>
        Send a new code
      </button>
    </form>
  );
}

// The code's field keeps its own hint line (a plain muted note, not a field hint) always described.
function VerifyCodeField({ error }: { error?: string }) {
  const described = ['verify-code-hint', error ? 'verify-code-error' : ''].join(' ').trim();
  return (
    <div className="field">
      <label htmlFor="verify-code">Code</label>
      <input
        id="verify-code"
        name="code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      />
      <p className="muted" id="verify-code-hint">
        The email may take a minute; look in your spam folder too.
      </p>
      <p className="field-error" id="verify-code-error">
        {error ?? ''}
      </p>
    </div>
  );
}
