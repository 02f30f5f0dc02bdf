// The resolveRoute middleware on its own: it finds the event's route by API Gateway's routeKey,
// checks that the raw path really names that route with the same parameters, and starts the
// parsed request (no principal yet; the caller's address and user agent for throttles and audit).
import { describe, expect, it } from 'vitest';
import { NotFound } from '../../../functions/domain/errors';
import { resolveRoute } from '../../../functions/handlers/api/middleware/resolve-route';
import { apiEvent, middyRequest, route } from './middy-request';

const getFarm = route('getFarm');
const middleware = resolveRoute([getFarm, route('listFarms')]);

async function resolve(event = apiEvent(getFarm, { params: { farmId: 'farm-1' } })) {
  const request = middyRequest(event);
  await middleware.before!(request);
  return request.context.drover;
}

describe('resolveRoute', () => {
  it('starts the parsed request of the route the routeKey names', async () => {
    const parsed = await resolve();
    expect(parsed.route).toBe(getFarm);
    expect(parsed).toMatchObject({
      principal: null,
      params: {},
      requestId: 'req-1',
      source: { ip: '192.0.2.7', userAgent: 'drover-cli/test' },
    });
  });

  it('answers 404 for a routeKey of no route of the group', async () => {
    const event = { ...apiEvent(getFarm), routeKey: 'GET /api/v1/nothing' };
    await expect(resolve(event)).rejects.toThrow(NotFound);
  });

  it('answers 404 when the raw path does not name the route with the same parameters', async () => {
    const params = { farmId: 'farm-1' };
    await expect(resolve(apiEvent(getFarm, { params, rawPath: '/api/v1/farms/farm-2' }))).rejects.toThrow(
      'No such API path',
    );
    // An encoded slash or a dot segment is never routed, whatever API Gateway normalised.
    await expect(
      resolve(apiEvent(getFarm, { params, rawPath: '/api/v1/farms/..%2Ffarm-1' })),
    ).rejects.toThrow(NotFound);
  });

  it('reads the raw path after a named stage', async () => {
    const event = apiEvent(getFarm, { params: { farmId: 'farm-1' }, rawPath: '/prod/api/v1/farms/farm-1' });
    event.requestContext.stage = 'prod';
    expect((await resolve(event)).route).toBe(getFarm);
  });

  it('keeps at most 512 characters of the user agent', async () => {
    const event = apiEvent(getFarm, { params: { farmId: 'farm-1' } });
    event.requestContext.http.userAgent = 'a'.repeat(600);
    expect((await resolve(event)).source.userAgent).toHaveLength(512);
  });
});
