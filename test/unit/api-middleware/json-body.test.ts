// readJsonBody on its own: a body within the input bounds is parsed; too many bytes is 413, too
// deep, not JSON, not sent as JSON or missing is 400 naming where, before JSON.parse builds it.
import { describe, expect, it } from 'vitest';
import { InvalidInput, PayloadTooLarge } from '../../../functions/domain/errors';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../../../functions/domain/input-bounds';
import { jsonDepth, readJsonBody } from '../../../functions/handlers/api/middleware/json-body';
import { apiEvent, route } from './middy-request';

const JSON_TYPE = { 'content-type': 'application/json' };

function read(body: string | undefined, headers: Record<string, string> = JSON_TYPE, base64 = false) {
  const event = apiEvent(route('createRole'), { headers, ...(body !== undefined ? { body } : {}) });
  return readJsonBody({ ...event, isBase64Encoded: base64 });
}

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInput);
    return (error as InvalidInput).issues;
  }
  throw new Error('expected InvalidInput');
}

describe('readJsonBody', () => {
  it('parses a JSON body, also base64-encoded and with a +json type', () => {
    expect(read('{"name":"web"}')).toEqual({ name: 'web' });
    expect(read(Buffer.from('{"a":[1]}').toString('base64'), JSON_TYPE, true)).toEqual({ a: [1] });
    expect(read('{"a":1}', { 'Content-Type': 'application/merge-patch+json; charset=utf-8' })).toEqual({
      a: 1,
    });
  });

  it('refuses a body over the byte limit with 413', () => {
    expect(() => read(`"${'x'.repeat(MAX_BODY_BYTES)}"`)).toThrow(PayloadTooLarge);
  });

  it('names where a body is missing, not JSON, or not sent as JSON', () => {
    expect(issuesOf(() => read(undefined))).toEqual([{ in: 'body', path: '', message: 'is required' }]);
    expect(issuesOf(() => read('{"a":1}', { 'content-type': 'text/plain' }))).toEqual([
      { in: 'header', path: 'content-type', message: 'must be application/json' },
    ]);
    expect(issuesOf(() => read('{"a":'))[0]).toMatchObject({ in: 'body', path: '' });
  });

  it('refuses a body nested deeper than the limit before parsing it', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    expect(issuesOf(() => read(deep))[0]!.message).toBe(
      `must be nested at most ${MAX_JSON_DEPTH} levels deep`,
    );
    const limit = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(() => read(limit)).not.toThrow();
  });
});

describe('jsonDepth', () => {
  it('counts nesting of objects and arrays, not brackets inside strings', () => {
    expect(jsonDepth('{"a":[{"b":1}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[{{{"}')).toBe(1);
    expect(jsonDepth('{"a":"\\"[["}')).toBe(1);
    expect(jsonDepth('7')).toBe(0);
  });
});
