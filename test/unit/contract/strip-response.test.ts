// What leaves the API is what its route's response schema names: extra keys are dropped, a body
// that breaks the schema (or is missing) is refused (answered 500 by the problem middleware), a
// route that answers 204 passes.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RouteDef } from '../../../functions/contract/route-def';
import { ResponseContractBroken } from '../../../functions/handlers/api/response-contract-broken';
import { stripResponse } from '../../../functions/handlers/api/strip-response';

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

  it('refuses no body where the route names one', () => {
    expect(() => stripResponse(route, { status: 200 })).toThrow(ResponseContractBroken);
  });

  it('leaves a route without a response schema (204) alone', () => {
    const done = { operationId: 'deleteThing' } as unknown as RouteDef;
    expect(stripResponse(done, { status: 204 })).toEqual({ status: 204 });
  });
});
