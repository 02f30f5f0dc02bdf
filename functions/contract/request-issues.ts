// Checks one part of a request (path parameters, query, body) against its route's zod schema and
// names each issue by where it is and its field path. The API's validation middleware and the
// typed client use it alike, so a request the client refuses is the one the API would answer 400.
import type { z } from 'zod';
import type { FieldIssue } from '../domain/errors';

/** The parsed value, or undefined after pushing the value's issues. */
export function parsePart(
  schema: z.ZodType | undefined,
  value: unknown,
  where: string,
  issues: FieldIssue[],
): unknown {
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    issues.push({ in: where, path: issue.path.map(String).join('.'), message: issue.message });
  }
  return undefined;
}

/** One sentence for the problem's detail: the first issue, and how many there are. */
export function summariseIssues(issues: FieldIssue[]): string {
  const first = issues[0]!;
  const where = first.path ? `${first.in} ${first.path}` : first.in;
  return issues.length === 1
    ? `Invalid ${where}: ${first.message}`
    : `${issues.length} invalid fields, first ${where}: ${first.message}`;
}
