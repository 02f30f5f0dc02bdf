// List paging as Compute Engine does it: `maxResults` (1..500, default 500) and an opaque
// `pageToken` echoed from the previous page's `nextPageToken`. The token records the last key
// returned, so instances created or deleted between pages neither repeat nor shift the rest.
import { invalidField } from './errors';

export const MAX_RESULTS = 500;

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

export function paginate<T>(sorted: T[], keyOf: (item: T) => string, query: URLSearchParams): Page<T> {
  const raw = query.get('maxResults');
  const maxResults = raw === null || raw === '' ? MAX_RESULTS : Number(raw);
  if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > MAX_RESULTS)
    throw invalidField('maxResults', raw, `Must be an integer between 0 and ${MAX_RESULTS}.`);
  const size = maxResults === 0 ? MAX_RESULTS : maxResults;

  let start = 0;
  const token = query.get('pageToken');
  if (token) {
    let after: unknown;
    try {
      after = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')).after;
    } catch {
      after = undefined;
    }
    if (typeof after !== 'string') throw invalidField('pageToken', token, 'Invalid page token.');
    start = sorted.findIndex((item) => keyOf(item) > after);
    if (start === -1) start = sorted.length;
  }
  const items = sorted.slice(start, start + size);
  const last = items.at(-1);
  const more = start + size < sorted.length && last !== undefined;
  return {
    items,
    ...(more && { nextPageToken: Buffer.from(JSON.stringify({ after: keyOf(last) })).toString('base64url') }),
  };
}
