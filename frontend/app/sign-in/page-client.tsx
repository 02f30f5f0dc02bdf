'use client';
// Password sign-in, back to `?next=`; an invited user's new-password step, or the emailed-code
// step for an owner who has not verified the email yet, then the same sign-in again.
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { NEW_PASSWORD_REQUIRED_TYPE } from '../../../functions/domain/access/sign-in';
import { EMAIL_NOT_VERIFIED } from '../../../functions/domain/accounts/sign-up';
import { AppHeader } from '../../components/app-header';
import { DemoSignInHint } from '../../components/demo-sign-in-hint';
import { ProblemNotice } from '../../components/problem-notice';
import { VerifyEmailStep } from '../../components/verify-email-step';
import { api, SignInInput } from '../../lib/api-client';
import { ApiProblem } from '../../lib/api-problem';
import { readSession, type Session, saveSession } from '../../lib/session';
import { safeReturnPath } from '../../lib/sign-in-redirect';
import { type Challenge, NewPasswordStep } from './new-password-step';
import { firstErrors, type SignInErrors, SignInField } from './sign-in-field';

/** `returnTo` given: the static fallback; otherwise it is read from `?next=`. */
export function SignInPageClient({ returnTo }: { returnTo?: string }) {
  return returnTo === undefined ? <SignInFromQuery /> : <SignInForm returnTo={returnTo} fallback />;
}

function SignInFromQuery() {
  const next = useSearchParams().get('next');
  return <SignInForm returnTo={safeReturnPath(next)} />;
}

function SignInStep({
  onSubmit,
  problem,
  fieldErrors,
  busy,
}: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  problem: ApiProblem | undefined;
  fieldErrors: SignInErrors;
  busy: { submitting: boolean; ready: boolean };
}) {
  return (
    <form className="panel sign-in" onSubmit={onSubmit} noValidate aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in</h1>
      <p className="muted">Use your Drover account.</p>
      <div className="problem-slot">{problem && <ProblemNotice problem={problem} />}</div>
      <SignInField
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        error={fieldErrors.email}
      />
      <SignInField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        error={fieldErrors.password}
      />
      <button
        type="submit"
        className="button button-primary button-wide"
        disabled={busy.submitting || !busy.ready}
      >
        {busy.submitting ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="muted">
        No account yet? <Link href="/sign-up/">Sign up</Link>
      </p>
      <DemoSignInHint />
    </form>
  );
}

/** `fallback`: the static HTML's copy, which React replaces with the one that read `?next=`. */
function SignInForm({ returnTo, fallback = false }: { returnTo: string; fallback?: boolean }) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<SignInErrors>({});
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

  const signedIn = (session: Session) => {
    saveSession(session);
    router.replace(returnTo);
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = SignInInput.safeParse({ email: form.get('email'), password: form.get('password') });
    setProblem(undefined);
    if (!parsed.success) return setFieldErrors(firstErrors(parsed.error));
    setFieldErrors({});
    setSubmitting(true);
    try {
      signedIn(await api.signIn(parsed.data));
    } catch (error) {
      const failure = error instanceof ApiProblem ? error : ApiProblem.network(error);
      setSubmitting(false);
      if (failure.type === NEW_PASSWORD_REQUIRED_TYPE && failure.session)
        return setChallenge({ email: parsed.data.email, session: failure.session });
      if (failure.status === 403 && failure.detail === EMAIL_NOT_VERIFIED) return setUnverified(parsed.data);
      setFieldErrors(failure.fieldErrors());
      setProblem(failure);
    }
  }

  // An expired or used challenge: back to the first step, with the reason shown.
  const expired = (failure: ApiProblem) => {
    setFieldErrors(failure.fieldErrors());
    setProblem(failure);
    setChallenge(undefined);
  };
  return (
    <>
      <AppHeader signedIn={false} />
      <main className="page page-narrow" id="main">
        {unverified ? (
          <VerifyEmailStep
            email={unverified.email}
            onVerified={async () => signedIn(await api.signIn(unverified))}
          />
        ) : challenge ? (
          <NewPasswordStep challenge={challenge} onSignedIn={signedIn} onExpired={expired} />
        ) : (
          <SignInStep
            onSubmit={onSubmit}
            problem={problem}
            fieldErrors={fieldErrors}
            busy={{ submitting, ready }}
          />
        )}
      </main>
    </>
  );
}
