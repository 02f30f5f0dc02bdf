// The one problem+json shape (RFC 9457) of the API: the error middleware answers it, the OpenAPI
// document describes it, and every client (portal, CLI, agent) reads it into an ApiProblem.
import { z } from 'zod';
import type { FieldIssue } from '../domain/errors';

const FieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  in: z.string().optional(),
}) satisfies z.ZodType<FieldIssue>;

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    issues: z.array(FieldIssueSchema).optional(),
    currentVersion: z.number().int().optional(),
    /** A launch refused for Global Variables: each farm role's required variables without a value. */
    missing: z.array(z.unknown()).optional(),
    /** A PolicyViolation's violations: policy, rule, field path, message, allowed values. */
    violations: z.array(z.unknown()).optional(),
    /** A sign-in with a temporary password: the session to send back with the new one. */
    session: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'An error, as application/problem+json (RFC 9457)' });
export type Problem = z.infer<typeof Problem>;

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
    const parsed = Problem.safeParse(body);
    if (parsed.success) return new ApiProblem(parsed.data);
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
