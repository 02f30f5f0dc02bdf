// The signCursors middleware on its own: a list's nextCursor leaves signed for the caller's
// account, that list and its path; it comes back unsigned for the store, and any other cursor
// (edited, another account's, another list's) is refused with 400 before the store sees it.
import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../../../functions/domain/errors';
import { signCursors } from '../../../functions/handlers/api/middleware/cursor-signing';
import type { Principal } from '../../../functions/ports/identity';
import { apiEvent, middyRequest, route } from './middy-request';

const KEY = new Uint8Array(32).fill(7);
const ALICE: Principal = { accountId: 'acc-alice', userId: 'usr-1', via: 'user' };
const BOB: Principal = { accountId: 'acc-bob', userId: 'usr-2', via: 'user' };
const ENV = { environmentId: 'env-1' };

/** The cursor a list answers, as the caller receives it. */
async function pageOf(operationId: string, principal: Principal, nextCursor: unknown, params = ENV) {
  const def = route(operationId);
  const request = middyRequest(apiEvent(def, { params }), { route: def, principal });
  request.response = { statusCode: 200, body: JSON.stringify({ items: [], nextCursor }) };
  await signCursors(() => KEY).after!(request);
  return JSON.parse(request.response.body as string).nextCursor;
}

/** What the store is asked with when the caller sends `cursor` back. */
async function cursorSent(operationId: string, principal: Principal, cursor: string, params = ENV) {
  const def = route(operationId);
  const request = middyRequest(apiEvent(def, { params, query: { cursor } }), { route: def, principal });
  await signCursors(() => KEY).before!(request);
  return request.event.queryStringParameters?.cursor;
}

describe('signCursors', () => {
  it("signs a list's cursor and gives the store its own back", async () => {
    const signed = await pageOf('listFarms', ALICE, 'store-key');
    expect(signed).toMatch(/^store-key\.[\w-]{43}$/);
    expect(await cursorSent('listFarms', ALICE, signed)).toBe('store-key');
  });

  it("refuses an edited cursor, another account's, and another list's", async () => {
    const signed: string = await pageOf('listFarms', ALICE, 'store-key');
    const refused = (run: Promise<unknown>) => expect(run).rejects.toThrow(InvalidInput);
    await refused(cursorSent('listFarms', ALICE, signed.replace('store-key', 'store-kez')));
    await refused(cursorSent('listFarms', BOB, signed));
    await refused(cursorSent('listFarms', ALICE, signed, { environmentId: 'env-2' }));
    await refused(cursorSent('listCredentials', ALICE, signed));
    await refused(cursorSent('listFarms', ALICE, 'store-key'));
  });

  it('leaves routes without cursors and pages without a next one alone', async () => {
    expect(await pageOf('listFarms', ALICE, undefined)).toBeUndefined();
    const def = route('getFarm');
    const request = middyRequest(apiEvent(def, { params: { farmId: 'farm-1' }, query: { cursor: 'x' } }), {
      route: def,
      principal: ALICE,
    });
    request.response = { statusCode: 200, body: '{"nextCursor":"kept"}' };
    const middleware = signCursors(() => KEY);
    await middleware.before!(request);
    await middleware.after!(request);
    expect(request.response.body).toBe('{"nextCursor":"kept"}');
  });

  it('refuses a key too short to sign with', async () => {
    await expect(
      (async () => {
        const def = route('listFarms');
        const request = middyRequest(apiEvent(def, { params: ENV, query: { cursor: 'a.b' } }), {
          route: def,
        });
        await signCursors(() => new Uint8Array(8)).before!(request);
      })(),
    ).rejects.toThrow('at least 32 bytes');
  });
});
