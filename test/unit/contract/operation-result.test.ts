// The status of an answer is its route's (response.status, 204 without one): operations return
// only the body, or a Reply when headers go with it, and never restate the status.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RouteDef } from '../../../functions/contract/route-def';
import { API_ROUTES } from '../../../functions/contract/routes';
import { Reply, resultOf, withEtag } from '../../../functions/handlers/api/operation';
import { ResponseContractBroken } from '../../../functions/handlers/api/response-contract-broken';

const routeOf = (operationId: string) => API_ROUTES.find((r) => r.operationId === operationId)!;
const thing = { id: 't-1', version: 3 };

describe('resultOf', () => {
  it.each([
    ['createFarm', 201, 'a create answers 201'],
    ['getFarm', 200, 'a read answers 200'],
    ['launchFarm', 202, 'a lifecycle verb is accepted for later: 202'],
    ['redeliverWebhookDelivery', 202, 'a redelivery is queued: 202'],
    ['signUp', 201, 'a sign-up creates an account: 201'],
  ])('%s answers %i (%s)', (operationId, status) => {
    expect(resultOf(routeOf(operationId), thing)).toEqual({ status, body: thing });
  });

  it('answers 204 with no body for a route without a response', () => {
    expect(resultOf(routeOf('deleteFarm'), undefined)).toEqual({ status: 204 });
  });

  it('refuses a body on a route that answers 204', () => {
    expect(() => resultOf(routeOf('deleteFarm'), thing)).toThrow(ResponseContractBroken);
  });

  it("keeps a Reply's headers: the ETag of a versioned document", () => {
    expect(resultOf(routeOf('updateFarm'), withEtag(thing))).toEqual({
      status: 200,
      body: thing,
      headers: { ETag: '"3"' },
    });
  });

  it('takes the status from the route it is given, whatever the answer', () => {
    const accepted = { operationId: 'queueThing', response: { status: 202, schema: z.object({}) } };
    expect(resultOf(accepted as unknown as RouteDef, new Reply({}, { Location: '/x' }))).toEqual({
      status: 202,
      body: {},
      headers: { Location: '/x' },
    });
  });
});
