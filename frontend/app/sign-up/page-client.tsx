'use client';
// The Sign up form: validated in the browser with the API's own schema (SignUpInput, plus the
// repeated password), then POST /accounts and a sign-in with the same email and password. The
// API's refusals (409 email taken, 429 too many sign-ups, 403 operator-only) show as a problem;
// its field issues land under their fields. Where the deployment verifies emails (the answer's
// status is `verification-required`), the code step comes before the sign-in; the password stays
// in this page's memory only until then.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { PASSWORD_POLICY_HINT } from '../../../functions/domain/access/sign-in';
import { AppHeader } from '../../components/app-header';
import { ProblemNotice } from '../../components/problem-notice';
import { VerifyEmailStep } from '../../components/verify-email-step';
import { api } from '../../lib/api-client';
import { ApiProblem } from '../../lib/api-problem';
import { saveSession } from '../../lib/session';
import { SignUpForm, signUpApi } from '../../lib/sign-up-api';
import { SignInField } from '../sign-in/sign-in-field';

type FieldErrors = Partial<Record<keyof SignUpForm, string>>;

// The form's state, its check against the API's schema, the sign-up call and the sign-in after it.
function useSignUp() {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiProblem>();
  const [submitting, setSubmitting] = useState(false);
  const [pending, setPending] = useState<{ email: string; password: string }>();

  async function signIn(credentials: { email: string; password: string }) {
    saveSession(await api.signIn(credentials));
    router.replace('/');
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = SignUpForm.safeParse({
      accountName: form.get('accountName'),
      email: form.get('email'),
      password: form.get('password'),
      repeat: form.get('repeat'),
    });
    setProblem(undefined);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as keyof SignUpForm] ??= issue.message;
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    setSubmitting(true);
    const { repeat: _repeat, ...input } = parsed.data;
    try {
      const created = await signUpApi.signUp(input);
      const credentials = { email: input.email, password: input.password };
      if (created.status === 'verification-required') setPending(credentials);
      else await signIn(credentials);
    } catch (error) {
      const failure = error instanceof ApiProblem ? error : ApiProblem.network(error);
      setFieldErrors(failure.fieldErrors());
      setProblem(failure);
      setSubmitting(false);
    }
  }
  return { fieldErrors, problem, submitting, pending, signIn, onSubmit };
}

function SignUpFields({ errors }: { errors: FieldErrors }) {
  return (
    <>
      <SignInField
        form="sign-up"
        name="accountName"
        label="Account name"
        type="text"
        autoComplete="organization"
        error={errors.accountName}
      />
      <SignInField
        form="sign-up"
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        error={errors.email}
      />
      <SignInField
        form="sign-up"
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least 10 characters. ${PASSWORD_POLICY_HINT}`}
        error={errors.password}
      />
      <SignInField
        form="sign-up"
        name="repeat"
        label="Repeat the password"
        type="password"
        autoComplete="new-password"
        error={errors.repeat}
      />
    </>
  );
}

export function SignUpPageClient() {
  const { fieldErrors, problem, submitting, pending, signIn, onSubmit } = useSignUp();

  if (pending)
    return (
      <>
        <AppHeader signedIn={false} />
        <main className="page page-narrow" id="main">
          <VerifyEmailStep email={pending.email} onVerified={() => signIn(pending)} />
        </main>
      </>
    );

  return (
    <>
      <AppHeader signedIn={false} />
      <main className="page page-narrow" id="main">
        <form className="panel sign-in" onSubmit={onSubmit} noValidate aria-labelledby="sign-up-heading">
          <h1 id="sign-up-heading">Sign up</h1>
          <p className="muted">A new Drover account for your organisation: you are its owner.</p>
          <div className="problem-slot">{problem && <ProblemNotice problem={problem} />}</div>
          <SignUpFields errors={fieldErrors} />
          <button type="submit" className="button button-primary button-wide" disabled={submitting}>
            {submitting ? 'Creating the account…' : 'Sign up'}
          </button>
          <p className="muted">
            Already have an account? <Link href="/sign-in/">Sign in</Link>
          </p>
        </form>
      </main>
    </>
  );
}
