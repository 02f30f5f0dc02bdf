// Validates its path parameters, query string, If-Match
// and JSON body against the route's zod schemas. Every problem is reported with where it
// is (`path`, `query`, `body`, `header`) and the field path inside it.
import type { MiddlewareObj } from '@middy/core';
import type { z } from 'zod';
import { type FieldIssue, InvalidInput } from '../../../domain/errors';
import type { ApiContext, ApiEvent, ApiResponse } from '../operation';

export const MAX_BODY_BYTES = 1024 * 1024;

export function validateRequest(): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    name: 'validateRequest',
    before: async (request) => {
      const { event } = request;
      const parsed = request.context.drover;
      const { route } = parsed;
      const issues: FieldIssue[] = [];
      const params = parsePart(route.params, event.pathParameters ?? {}, 'path', issues);
      const query = parsePart(route.query, event.queryStringParameters ?? {}, 'query', issues);
      const body = route.body ? parsePart(route.body, readJsonBody(event), 'body', issues) : undefined;
      const ifMatch = parseIfMatch(event.headers?.['if-match'] ?? event.headers?.['If-Match'], issues);
      if (issues.length > 0) throw new InvalidInput(summarise(issues), issues);
      parsed.params = (params ?? {}) as Record<string, string>;
      parsed.query = (query ?? {}) as Record<string, unknown>;
      parsed.body = body;
      parsed.ifMatch = ifMatch;
    },
  };
}

function parsePart(
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

function readJsonBody(event: ApiEvent): unknown {
  const raw = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) {
    throw new InvalidInput('The body is too large', [
      { in: 'body', path: '', message: `must be at most ${MAX_BODY_BYTES} bytes` },
    ]);
  }
  const type = event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? '';
  if (!raw.trim())
    throw new InvalidInput('A JSON body is required', [{ in: 'body', path: '', message: 'is required' }]);
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new InvalidInput('The body must be JSON', [
      { in: 'header', path: 'content-type', message: 'must be application/json' },
    ]);
  }
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new InvalidInput('The body is not valid JSON', [
      { in: 'body', path: '', message: (err as Error).message },
    ]);
  }
}

function parseIfMatch(header: string | undefined, issues: FieldIssue[]): number | '*' | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return '*';
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value);
  if (!match) {
    issues.push({ in: 'header', path: 'if-match', message: 'must be an ETag this API returned, e.g. "3"' });
    return undefined;
  }
  return Number(match[1]);
}

function summarise(issues: FieldIssue[]): string {
  const first = issues[0]!;
  const where = first.path ? `${first.in} ${first.path}` : first.in;
  return issues.length === 1
    ? `Invalid ${where}: ${first.message}`
    : `${issues.length} invalid fields, first ${where}: ${first.message}`;
}
