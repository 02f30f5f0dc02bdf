// Page cursors leave the API opaque and signed, and come back only to the list they came from.
// The store's cursor (its LastEvaluatedKey) is wrapped as `<store cursor>.<mac>`, the MAC an
// HMAC-SHA256 under a platform key over the caller's account, the operation (the list kind) and
// its path parameters. A cursor edited by hand, or taken from another account's or another list's
// page, is refused with 400 before the store sees it, so no start key the store did not write
// itself ever reaches DynamoDB (a missing sort key was a 500 on every list).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import { InvalidInput } from '../../../domain/errors';
import type { ApiContext, ApiEvent, ApiResponse, ParsedRequest } from '../operation';

/** Longest signed cursor accepted (the store's own is at most 2048 characters, see PageQuery). */
const MAX_SIGNED_CURSOR = 2200;
const MIN_KEY_BYTES = 32;

/** keyOf is asked on the first list request only: a group without lists is given no key. */
export function signCursors(
  keyOf: () => Uint8Array,
): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  let key: Uint8Array | undefined;
  const keyNow = () => {
    key ??= checked(keyOf());
    return key;
  };
  const mac = (request: ParsedRequest, params: Record<string, string> | undefined, cursor: string) =>
    createHmac('sha256', keyNow())
      .update(JSON.stringify([request.principal?.accountId ?? '', request.route.operationId, params ?? {}]))
      .update('\n')
      .update(cursor)
      .digest('base64url');
  return {
    name: 'signCursors',
    // After authentication (the account is part of the MAC), before validation (which sees the store's cursor).
    before: async (request) => {
      const query = request.event.queryStringParameters;
      const signed = query?.cursor;
      if (signed === undefined || !takesCursor(request.context.drover)) return;
      const dot = signed.lastIndexOf('.');
      const cursor = signed.slice(0, dot);
      const given = Buffer.from(signed.slice(dot + 1));
      const expected = Buffer.from(
        mac(request.context.drover, request.event.pathParameters as never, cursor),
      );
      if (
        signed.length > MAX_SIGNED_CURSOR ||
        dot <= 0 ||
        given.length !== expected.length ||
        !timingSafeEqual(given, expected)
      ) {
        throw new InvalidInput('Invalid cursor', [
          { in: 'query', path: 'cursor', message: 'is not a cursor this list returned to you' },
        ]);
      }
      query!.cursor = cursor;
    },
    after: async (request) => {
      const response = request.response;
      if (!response?.body || !takesCursor(request.context.drover) || !response.body.includes('"nextCursor"'))
        return;
      const body = JSON.parse(response.body) as { nextCursor?: unknown };
      if (typeof body.nextCursor !== 'string') return;
      const params = request.event.pathParameters as Record<string, string> | undefined;
      body.nextCursor = `${body.nextCursor}.${mac(request.context.drover, params, body.nextCursor)}`;
      response.body = JSON.stringify(body);
    },
  };
}

function checked(key: Uint8Array): Uint8Array {
  if (key.length < MIN_KEY_BYTES) throw new Error(`the cursor key must be at least ${MIN_KEY_BYTES} bytes`);
  return key;
}

/** Lists are the routes whose query takes a cursor (PageQuery and its extensions). */
function takesCursor(request: ParsedRequest | undefined): boolean {
  return Boolean(request?.route.query?.shape && 'cursor' in request.route.query.shape);
}
