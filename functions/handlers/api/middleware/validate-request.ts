// Validates its path parameters, query string, If-Match
// and JSON body against the route's zod schemas. Every problem is reported with where it
// is (`path`, `query`, `body`, `header`) and the field path inside it.
import type { MiddlewareObj } from '@middy/core';
import { parsePart, summariseIssues } from '../../../contract/request-issues';
import { type FieldIssue, InvalidInput, PreconditionFailed } from '../../../domain/errors';
import type { ApiContext, ApiEvent, ApiResponse } from '../operation';
import { readJsonBody } from './json-body';

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
      if (issues.length > 0) throw new InvalidInput(summariseIssues(issues), issues);
      parsed.params = (params ?? {}) as Record<string, string>;
      parsed.query = (query ?? {}) as Record<string, unknown>;
      parsed.body = body;
      parsed.ifMatch = ifMatch;
    },
  };
}

function parseIfMatch(header: string | undefined, issues: FieldIssue[]): number | '*' | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return '*';
  // A weak ETag only says two versions are equivalent, not identical: a write conditioned on one
  // could overwrite a change it never saw (RFC 9110 §13.1.1 uses the strong comparison).
  if (/^W\//i.test(value))
    throw new PreconditionFailed('If-Match must name a strong ETag (e.g. "3"), not W/');
  const match = /^"?(\d{1,15})"?$/.exec(value);
  if (!match) {
    issues.push({ in: 'header', path: 'if-match', message: 'must be an ETag this API returned, e.g. "3"' });
    return undefined;
  }
  return Number(match[1]);
}
