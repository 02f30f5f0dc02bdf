'use client';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { NEW_PASSWORD_REQUIRED_TYPE, PASSWORD_POLICY_HINT } from '../../../functions/domain/access/sign-in';
import { EMAIL_NOT_VERIFIED } from '../../../functions/domain/accounts/sign-up';
import { AppHeader } from '../../components/app-header';
import { DemoSignInHint } from '../../components/demo-sign-in-hint';
import { ProblemNotice } from '../../components/problem-notice';
import { VerifyEmailStep } from '../../components/verify-email-step';
import { api, NewPasswordForm, SignInInput } from '../../lib/api-client';
import { ApiProblem } from '../../lib/api-problem';
import { readSession, saveSession } from '../../lib/session';
import { safeReturnPath } from '../../lib/sign-in-redirect';

/** `returnTo` given: the static fallback; otherwise it is read from `?next=`. */
export function SignInPageClient({ returnTo }: { returnTo?: string }) {
  return returnTo === undefined ? <SignInFromQuery /> : <SignInForm returnTo={returnTo} fallback />;
}

function SignInFromQuery() {
  const next = useSearchParams().get('next');
  return <SignInForm returnTo={safeReturnPath(next)} />;
}

type FieldErrors = Partial<Record<string, string>>;

/** An invited user's first sign-in: the temporary password was right, Cognito wants their own. */
interface Challenge {
  email: string;
  session: string;
}

/** `fallback`: the static HTML's copy, which React replaces with the one that read `?next=`. */
function SignInForm({ returnTo, fallback = false }: { returnTo: string; fallback?: boolean }) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiProblem>();
  const [submitting, setSubmitting] = useState(false);
  // The static HTML arrives before the script, and its form is a stand-in that React swaps for
  // the one that read `?next=`: until that one runs, the button stays disabled, so an early Enter
  // neither makes a native GET (the password in the URL) nor types into a form about to vanish.
  const [ready, setReady] = useState(false);
  const [challenge, setChallenge] = useState<Challenge>();
  /** A self-service owner who has not sent back the emailed code: the code step, then this sign-in again. */
  const [unverified, setUnverified] = useState<SignInInput>();

  useEffect(() => setReady(!fallback), [fallback]);

  useEffect(() => {
    if (readSession()) router.replace(returnTo);
  }, [router, returnTo]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = SignInInput.safeParse({ email: form.get('email'), password: form.get('password') });
    setProblem(undefined);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as keyof SignInInput] ??= issue.message;
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    setSubmitting(true);
    try {
      saveSession(await api.signIn(parsed.data));
      router.replace(returnTo);
    } catch (error) {
      const failure = error instanceof ApiProblem ? error : ApiProblem.network(error);
      setSubmitting(false);
      if (failure.type === NEW_PASSWORD_REQUIRED_TYPE && failure.session) {
        setChallenge({ email: parsed.data.email, session: failure.session });
        return;
      }
      if (failure.status === 403 && failure.detail === EMAIL_NOT_VERIFIED) {
        setUnverified(parsed.data);
        return;
      }
      setFieldErrors(failure.fieldErrors());
      setProblem(failure);
    }
  }

  async function onNewPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!challenge) return;
    const form = new FormData(event.currentTarget);
    const parsed = NewPasswordForm.safeParse({
      newPassword: form.get('newPassword'),
      repeat: form.get('repeat'),
    });
    setProblem(undefined);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    setSubmitting(true);
    try {
      saveSession(await api.completeNewPassword({ ...challenge, newPassword: parsed.data.newPassword }));
      router.replace(returnTo);
    } catch (error) {
      const failure = error instanceof ApiProblem ? error : ApiProblem.network(error);
      setFieldErrors(failure.fieldErrors());
      setProblem(failure);
      setSubmitting(false);
      // An expired or used session: back to the first step, with the reason shown.
      if (failure.status === 401) setChallenge(undefined);
    }
  }

  if (unverified)
    return (
      <>
        <AppHeader signedIn={false} />
        <main className="page page-narrow" id="main">
          <VerifyEmailStep
            email={unverified.email}
            onVerified={async () => {
              saveSession(await api.signIn(unverified));
              router.replace(returnTo);
            }}
          />
        </main>
      </>
    );

  if (challenge)
    return (
      <>
        <AppHeader signedIn={false} />
        <main className="page page-narrow" id="main">
          <form
            className="panel sign-in"
            onSubmit={onNewPassword}
            noValidate
            aria-labelledby="new-password-heading"
          >
            <h1 id="new-password-heading">Choose your password</h1>
            <p className="muted">
              {challenge.email} signed in with a temporary password. Choose your own to finish.
            </p>
            <div className="problem-slot">{problem && <ProblemNotice problem={problem} />}</div>
            <Field
              name="newPassword"
              label="New password"
              type="password"
              autoComplete="new-password"
              hint={PASSWORD_POLICY_HINT}
              error={fieldErrors.newPassword}
            />
            <Field
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
        </main>
      </>
    );

  return (
    <>
      <AppHeader signedIn={false} />
      <main className="page page-narrow" id="main">
        <form className="panel sign-in" onSubmit={onSubmit} noValidate aria-labelledby="sign-in-heading">
          <h1 id="sign-in-heading">Sign in</h1>
          <p className="muted">Use your Drover account.</p>
          <div className="problem-slot">{problem && <ProblemNotice problem={problem} />}</div>
          <Field name="email" label="Email" type="email" autoComplete="username" error={fieldErrors.email} />
          <Field
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            error={fieldErrors.password}
          />
          <button type="submit" className="button button-primary button-wide" disabled={submitting || !ready}>
            {submitting ? 'Signing in…' : 'Sign in'}
          </button>
          <p className="muted">
            No account yet? <Link href="/sign-up/">Sign up</Link>
          </p>
          <DemoSignInHint />
        </form>
      </main>
    </>
  );
}

function Field(props: {
  name: keyof SignInInput | keyof NewPasswordForm;
  label: string;
  type: string;
  autoComplete: string;
  hint?: string;
  error?: string;
}) {
  const id = `sign-in-${props.name}`;
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].join(' ').trim();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type}
        autoComplete={props.autoComplete}
        required
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
      />
      {props.hint && (
        <p className="muted" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <p className="field-error" id={`${id}-error`}>
        {props.error ?? ''}
      </p>
    </div>
  );
}
