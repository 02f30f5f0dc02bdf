// The portal's one error type: an RFC 9457 problem the API answered, or one the client made up
// for a network failure or a response that does not match the shared schema. Pages render it
// with <ProblemNotice>; forms put `issues` next to the fields they name.
import type { FieldIssue } from '../../functions/domain/errors';
import { Violation } from '../../functions/domain/schemas/policy';

export type { FieldIssue };

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  issues?: FieldIssue[];
  /** On a 412: the version the resource has now. */
  currentVersion?: number;
  /** On a 422 from a farm save: the Governance policy rules the farm breaks. */
  violations?: Violation[];
  /** On a new-password-required sign-in: the session to send back with the new password. */
  session?: string;
}

export class ApiProblem extends Error implements ProblemDetails {
  readonly type: string;
  readonly title: string;
  /** HTTP status; 0 when the API could not be reached. */
  readonly status: number;
  readonly detail?: string;
  readonly issues: FieldIssue[];
  readonly currentVersion?: number;
  readonly violations: Violation[];
  readonly session?: string;

  constructor(problem: ProblemDetails) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiProblem';
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.issues = problem.issues ?? [];
    this.currentVersion = problem.currentVersion;
    this.violations = problem.violations ?? [];
    this.session = problem.session;
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

  static network(cause: unknown): ApiProblem {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new ApiProblem({ type: 'about:blank', title: 'Cannot reach the Drover API', status: 0, detail });
  }

  /** Reads a failed response: problem+json when the API sent one, the status line otherwise. */
  static async fromResponse(response: Response): Promise<ApiProblem> {
    const text = await response.text().catch(() => '');
    const fallback = {
      type: 'about:blank',
      title: response.statusText || `HTTP ${response.status}`,
      status: response.status,
    };
    if (!text) return new ApiProblem(fallback);
    try {
      const body = JSON.parse(text) as Partial<ProblemDetails>;
      return new ApiProblem({
        type: typeof body.type === 'string' ? body.type : fallback.type,
        title: typeof body.title === 'string' ? body.title : fallback.title,
        status: typeof body.status === 'number' ? body.status : response.status,
        detail: typeof body.detail === 'string' ? body.detail : undefined,
        issues: Array.isArray(body.issues) ? body.issues.filter(isFieldIssue) : [],
        currentVersion: typeof body.currentVersion === 'number' ? body.currentVersion : undefined,
        violations: Array.isArray(body.violations)
          ? body.violations.flatMap((v) => {
              const parsed = Violation.safeParse(v);
              return parsed.success ? [parsed.data] : [];
            })
          : [],
        session: typeof body.session === 'string' ? body.session : undefined,
      });
    } catch {
      return new ApiProblem({ ...fallback, detail: text.slice(0, 300) });
    }
  }
}

function isFieldIssue(value: unknown): value is FieldIssue {
  const issue = value as FieldIssue | null;
  return typeof issue?.path === 'string' && typeof issue.message === 'string';
}
