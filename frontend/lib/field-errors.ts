// Field errors of a form, keyed by the dotted path the API and the shared zod schemas use
// (`farmRoles.0.minInstances`), so the portal's own validation and the API's 400/422 `issues`
// land under the same field.
import type { z } from 'zod';
import type { FieldIssue } from './api-problem';

export type FieldErrors = Record<string, string>;

/** zod's wording for an empty or non-numeric input, in words a form shows. */
function friendly(message: string): string {
  if (/expected (number|string|boolean), received undefined/.test(message)) return 'required';
  if (/expected number, received NaN/.test(message)) return 'must be a number';
  return message.replace(/^Invalid input: /, '');
}

export function errorsFromZod(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[issue.path.map(String).join('.')] ??= friendly(issue.message);
  return errors;
}

/** Body issues of an API problem (query and header issues are not a form's fields). */
export function errorsFromIssues(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) if (!issue.in || issue.in === 'body') errors[issue.path] ??= issue.message;
  return errors;
}

/** The error of a field, or of anything inside it (`…subnetIds.1` shows under the subnets field). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const prefix = `${path}.`;
  for (const [key, message] of Object.entries(errors)) if (key.startsWith(prefix)) return message;
  return undefined;
}

/** Errors no field on screen claims: shown in the form's summary so none is lost. */
export function unclaimed(errors: FieldErrors, claimed: (path: string) => boolean): [string, string][] {
  return Object.entries(errors).filter(([path]) => !claimed(path));
}
