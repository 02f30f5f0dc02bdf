// The portal's view of the contract's one problem type (functions/contract/api-problem.ts): the
// same error the generated client throws, with what pages and forms read off it. Pages render it
// with <ProblemNotice>; forms put `issues` next to the fields they name and a farm save's
// `violations` next to the rules it breaks.
import { ApiProblem as ContractProblem, type ProblemOrigin } from '../../functions/contract/api-problem';
import type { Problem } from '../../functions/contract/problem';
import type { FieldIssue } from '../../functions/domain/errors';
import { Violation } from '../../functions/domain/schemas/policy';

export type { FieldIssue };

export class ApiProblem extends ContractProblem {
  /** On a 422 from a farm save: the Governance policy rules the farm breaks, as the portal shows them. */
  readonly violations: Violation[];

  constructor(problem: Problem, origin: ProblemOrigin = 'answer', options: { cause?: unknown } = {}) {
    // An issue without a string path and message could not be shown next to a field.
    super({ ...problem, issues: (problem.issues ?? []).filter(isFieldIssue) }, origin, options);
    this.violations = (problem.violations ?? []).flatMap((v) => {
      const parsed = Violation.safeParse(v);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** The client's problem as the portal reads it (the same object when it is one already). */
  static of(problem: ContractProblem): ApiProblem {
    return problem instanceof ApiProblem
      ? problem
      : new ApiProblem(problem.problem, problem.origin, { cause: problem.cause });
  }

  /** Anything else a call threw, shown as an unreachable API (status 0). */
  static network(cause: unknown): ApiProblem {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const problem = {
      type: 'about:blank',
      title: 'Cannot reach the Drover API',
      status: 0,
      code: 'Unreachable',
    };
    return new ApiProblem({ ...problem, detail }, 'unreachable', { cause });
  }

  get type(): string {
    return this.problem.type;
  }

  get title(): string {
    return this.problem.title;
  }

  get detail(): string {
    return this.problem.detail;
  }

  /** On a 412: the version the resource has now. */
  get currentVersion(): number | undefined {
    return this.problem.currentVersion;
  }

  /** On a new-password-required sign-in: the session to send back with the new password. */
  get session(): string | undefined {
    return this.problem.session;
  }

  /** The write named a version that is no longer current (If-Match failed). */
  get stale(): boolean {
    return this.status === 412;
  }

  get unauthorized(): boolean {
    return this.status === 401;
  }

  /** The first message per field path, for forms. */
  fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const issue of this.issues) errors[issue.path] ??= issue.message;
    return errors;
  }
}

function isFieldIssue(value: unknown): value is FieldIssue {
  const issue = value as FieldIssue | null;
  return typeof issue?.path === 'string' && typeof issue.message === 'string';
}
