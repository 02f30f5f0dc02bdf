// The draft, errors and save of an inline portal form checked with the API's own zod schema
// (credentials, webhook endpoints, webhooks): nothing is said until the first submit, then the
// errors follow every change; the API's 400/422 issues land under their field too.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { ApiProblem } from './api-problem';
import { errorAt, errorsFromIssues, errorsFromZod, type FieldErrors } from './field-errors';

export type Checked<I> = { errors: FieldErrors; input?: I };

/** What a part of a draft form is given: the draft, the error at a path, and a patch setter. */
export interface DraftPartProps<D> {
  draft: D;
  err: (path: string) => string | undefined;
  change: (patch: Partial<D>) => void;
}

/** A form's input checked with the API's own schema: the parsed input, or the errors by path. */
export function checkWith<S extends z.ZodType>(schema: S, value: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(value);
  return parsed.success ? { errors: {}, input: parsed.data } : { errors: errorsFromZod(parsed.error) };
}

export function useDraftForm<D extends object, I>({
  initial,
  validate,
  save,
  keyboard = false,
}: {
  initial: () => D;
  validate: (draft: D) => Checked<I>;
  /** Sends the valid input; a throw becomes the form's problem notice and field errors. */
  save: (input: I) => Promise<void>;
  /** Move the keyboard with the form: into its first field when it opens, to the first error on a refused submit. */
  keyboard?: boolean;
}) {
  const [draft, setDraft] = useState<D>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (keyboard) formRef.current?.querySelector<HTMLElement>('input, textarea')?.focus();
  }, [keyboard]);

  function change(patch: Partial<D>) {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (submitted) setErrors(validate(next).errors);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    setProblem(undefined);
    const { errors: found, input } = validate(draft);
    setErrors(found);
    if (!input) {
      if (keyboard) focusFirstError(event.currentTarget);
      return;
    }
    setSaving(true);
    try {
      await save(input);
    } catch (error) {
      const failure = error instanceof ApiProblem ? error : ApiProblem.network(error);
      setProblem(failure);
      setErrors(errorsFromIssues(failure.issues));
    } finally {
      setSaving(false);
    }
  }

  return {
    draft,
    setDraft,
    errors,
    err: (path: string) => errorAt(errors, path),
    problem,
    saving,
    formRef,
    change,
    onSubmit,
  };
}

/** Keyboard users land on what needs fixing, once React has drawn the errors. */
function focusFirstError(form: HTMLFormElement) {
  window.requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
