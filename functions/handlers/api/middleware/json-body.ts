// Reads a request's JSON body within the input bounds: too many bytes → 413, nested deeper than
// MAX_JSON_DEPTH → 400 naming the limit, before JSON.parse builds anything. The depth is found by
// a flat scan of the text (a counter, no recursion), so no body can overflow the stack here or in
// the code that later walks the parsed value (zod, the DynamoDB marshaller, JSON.stringify).

import { InvalidInput, PayloadTooLarge } from '../../../domain/errors';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../../../domain/input-bounds';
import type { ApiEvent } from '../operation';

export function readJsonBody(event: ApiEvent): unknown {
  const raw = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) {
    throw new PayloadTooLarge(`The body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  const type = event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? '';
  if (!raw.trim())
    throw new InvalidInput('A JSON body is required', [{ in: 'body', path: '', message: 'is required' }]);
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new InvalidInput('The body must be JSON', [
      { in: 'header', path: 'content-type', message: 'must be application/json' },
    ]);
  }
  if (jsonDepth(raw) > MAX_JSON_DEPTH) {
    throw new InvalidInput(`The body is nested deeper than ${MAX_JSON_DEPTH} levels`, [
      { in: 'body', path: '', message: `must be nested at most ${MAX_JSON_DEPTH} levels deep` },
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

/**
 * The deepest nesting of objects and arrays in a JSON text (brackets inside strings do not
 * count). Stops counting once past the limit; works on invalid JSON too (JSON.parse judges that).
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character, e.g. \" or \\
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > MAX_JSON_DEPTH) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
