// An uncontrolled field of the sign-in and sign-up forms (read through FormData on submit, so a password
// manager's fill counts), with its hint and error, and the first zod error of each field.
import type { z } from 'zod';

export type SignInErrors = Partial<Record<string, string>>;

export function firstErrors(error: z.ZodError): SignInErrors {
  const errors: SignInErrors = {};
  for (const issue of error.issues) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}

export function SignInField(props: {
  /** The form's id prefix: `sign-in` (default) or `sign-up`. */
  form?: string;
  name: string;
  label: string;
  type: string;
  autoComplete: string;
  hint?: string;
  error?: string;
}) {
  const id = `${props.form ?? 'sign-in'}-${props.name}`;
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
