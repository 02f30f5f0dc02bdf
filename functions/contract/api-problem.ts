// The client side of a problem+json: a call that did not succeed, as one typed error for the
// portal, the CLI and the agent. No zod here, so the agent's bundle stays small.
import type { FieldIssue } from '../domain/errors';
import type { Problem } from './problem';

/**
 * Where a client's problem came from: the API's answer; the client's own check of the request
 * before sending it (the same issues the API would answer with a 400); an answer that does not
 * match the route's response schema; or no answer at all (status 0).
 */
export type ProblemOrigin = 'answer' | 'request' | 'response' | 'unreachable';

/** A call that did not succeed, as a typed error carrying its problem. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];

  constructor(
    readonly problem: Problem,
    readonly origin: ProblemOrigin = 'answer',
    options: { cause?: unknown } = {},
  ) {
    super(problem.detail || problem.title, options);
    this.name = 'ApiProblem';
    this.status = problem.status;
    this.code = problem.code;
    this.issues = problem.issues ?? [];
  }

  /** The problem of a non-2xx answer: its problem+json, or one made up from the status and text. */
  static ofAnswer(status: number, statusText: string, body: unknown): ApiProblem {
    if (isProblem(body)) return new ApiProblem(body);
    const text = typeof body === 'string' ? body : '';
    return new ApiProblem({
      type: 'about:blank',
      title: statusText || 'Error',
      status,
      code: 'HttpError',
      detail: text ? text.slice(0, 500) : `HTTP ${status} ${statusText}`.trim(),
    });
  }
}

/** The fields every problem+json of the API has (its zod schema, Problem, is for the OpenAPI document). */
function isProblem(body: unknown): body is Problem {
  const b = body as Partial<Problem> | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.status === 'number' &&
    typeof b.title === 'string' &&
    typeof b.type === 'string'
  );
}
