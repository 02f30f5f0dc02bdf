// What leaves the API is what its route's response schema names: extra keys are dropped, a body
// that breaks the schema is refused (answered 500 by the problem middleware), other statuses pass.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RouteDef } from '../../../functions/contract/route-def';
import { ResponseContractBroken, stripResponse } from '../../../functions/handlers/api/strip-response';

const route = {
  operationId: 'getThing',
  response: { status: 200, schema: z.object({ id: z.string() }) },
} as unknown as RouteDef;

describe('stripResponse', () => {
  it('drops keys the response schema does not name', () => {
    const result = stripResponse(route, {
      status: 200,
      body: { id: 't-1', secret: 's3cret' },
      headers: { ETag: '"1"' },
    });
    expect(result).toEqual({ status: 200, body: { id: 't-1' }, headers: { ETag: '"1"' } });
  });

  it('refuses a body that breaks the schema, naming the route and the issue', () => {
    expect(() => stripResponse(route, { status: 200, body: { id: 7 } })).toThrow(ResponseContractBroken);
    expect(() => stripResponse(route, { status: 200, body: { id: 7 } })).toThrow(/getThing.*id/);
  });

  it('leaves other statuses and empty bodies alone', () => {
    expect(stripResponse(route, { status: 204 })).toEqual({ status: 204 });
    expect(stripResponse(route, { status: 202, body: { queued: true } })).toEqual({
      status: 202,
      body: { queued: true },
    });
  });
});
