// The one problem+json shape (RFC 9457) of the API: the error middleware answers it, the OpenAPI
// document describes it, and every client (portal, CLI, agent) reads it into an ApiProblem
// (api-problem.ts, kept free of zod so the agent's bundle carries none).
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
