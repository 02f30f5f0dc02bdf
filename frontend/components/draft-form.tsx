// The frame every inline portal form shares (users, teams, ACL roles, tokens, credentials,
// webhooks, scripts, rules, retention): a <form> named by its heading, the API's problem above
// the fields, and Save/Cancel underneath. The draft, errors and save come from useDraftForm.
import type { FormEvent, ReactNode, RefObject } from 'react';
import type { ApiProblem } from '../lib/api-problem';
import { FormActions } from './form-actions';
import { ProblemNotice } from './problem-notice';

export interface DraftFormState {
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  problem?: ApiProblem;
  saving: boolean;
}

export function DraftForm({
  form,
  id,
  title,
  level = 3,
  className = 'panel form-section',
  saveLabel,
  onCancel,
  children,
}: {
  form: DraftFormState;
  /** Prefix of the heading's id (`<id>-heading`), which names the form. */
  id: string;
  title: string;
  /** The heading's level where the form sits: 2 on a page of its own, 3 inside a section. */
  level?: 2 | 3;
  className?: string;
  saveLabel: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <form
      ref={form.formRef}
      className={className}
      onSubmit={form.onSubmit}
      noValidate
      aria-labelledby={`${id}-heading`}
    >
      <Heading id={`${id}-heading`}>{title}</Heading>
      {form.problem && <ProblemNotice problem={form.problem} />}
      {children}
      <FormActions saving={form.saving} saveLabel={saveLabel} onCancel={onCancel} />
    </form>
  );
}
