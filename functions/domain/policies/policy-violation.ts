// The typed error of a farm that breaks its environment's policies: a 422 whose problem details
// carry the violations, and the standard field issues (dotted paths) for forms that read those.
import { Unprocessable } from '../errors';
import type { Violation } from '../schemas/policy';
import { dottedPath } from './matching';

export class PolicyViolation extends Unprocessable {
  constructor(
    message: string,
    readonly violations: Violation[],
  ) {
    super(
      message,
      violations.map((v) => ({
        in: 'body',
        path: dottedPath(v.path),
        message: `${v.policyName}: ${v.message}`,
      })),
    );
  }
}

export function describeViolations(violations: readonly Violation[]): string {
  const first = violations[0];
  if (!first) return 'no violations';
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
  return `policy "${first.policyName}" (${first.rule}): ${first.path}: ${first.message}${more}`;
}
