// A policy violation as the farm form shows it: under the field its path names (the API's
// `farmRoles[1].instanceType` is the form's `farmRoles.1.instanceType`), in words that say
// which policy and what it allows: "Policy 'EU only': region us-east-1 is not allowed (allowed:
// eu-west-1, eu-central-1)". The live check and a 422 on save use the same words.
import type { Violation } from '../../functions/domain/schemas/policy';
import type { FieldErrors } from './field-errors';

export const violationPath = (path: string) => path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');

export function explainViolation(v: Violation): string {
  const allowed = v.allowed?.length ? ` (allowed: ${v.allowed.join(', ')})` : '';
  return `Policy '${v.policyName}': ${v.message}${allowed}`;
}

/** The first violation per field, as field errors. */
export function errorsFromViolations(violations: readonly Violation[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const v of violations) errors[violationPath(v.path)] ??= explainViolation(v);
  return errors;
}
