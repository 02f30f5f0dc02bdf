// The validateRequest middleware on its own: path parameters, query, If-Match and JSON body are
// checked against the route's zod schemas; the parsed values replace the raw ones, and every
// problem is reported at once with where it is and its field path.
import { describe, expect, it } from 'vitest';
import { InvalidInput, PreconditionFailed } from '../../../functions/domain/errors';
import { validateRequest } from '../../../functions/handlers/api/middleware/validate-request';
import { apiEvent, middyRequest, route } from './middy-request';

const JSON_TYPE = { 'content-type': 'application/json' };
const ENV = 'env-01jd7y9x2k0000000000000001';

async function validate(operationId: string, parts: Parameters<typeof apiEvent>[1]) {
  const def = route(operationId);
  const request = middyRequest(apiEvent(def, parts), { route: def });
  await validateRequest().before!(request);
  return request.context.drover;
}

async function issuesOf(run: Promise<unknown>) {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInput);
  return (error as InvalidInput).issues;
}

describe('validateRequest', () => {
  it('replaces the raw path, query and body with what the schemas parsed', async () => {
    const parsed = await validate('createEnvironment', {
      headers: JSON_TYPE,
      body: JSON.stringify({ name: 'prod' }),
    });
    expect(parsed.body).toMatchObject({ name: 'prod' });
    const list = await validate('listFarms', { params: { environmentId: ENV }, query: { limit: '5' } });
    expect(list.params).toEqual({ environmentId: ENV });
    expect(list.query).toMatchObject({ limit: 5 });
  });

  it('reports every problem with where it is and its field path', async () => {
    const issues = await issuesOf(
      validate('createFarm', {
        params: { environmentId: 'not-an-id' },
        headers: JSON_TYPE,
        body: JSON.stringify({ farmRoles: 'none' }),
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'path', path: 'environmentId' }),
        expect.objectContaining({ in: 'body', path: 'name' }),
      ]),
    );
    const query = await issuesOf(
      validate('listFarms', { params: { environmentId: ENV }, query: { limit: '0' } }),
    );
    expect(query[0]).toMatchObject({ in: 'query', path: 'limit' });
  });

  it('reads If-Match as a version or any, and refuses a weak or foreign ETag', async () => {
    const put = (ifMatch: string) =>
      validate('deleteFarm', {
        params: { farmId: 'farm-01jd7y9x2k0000000000000001' },
        headers: { 'if-match': ifMatch },
      });
    expect((await put('"3"')).ifMatch).toBe(3);
    expect((await put('*')).ifMatch).toBe('*');
    await expect(put('W/"3"')).rejects.toThrow(PreconditionFailed);
    expect(await issuesOf(put('"abc"'))).toEqual([
      { in: 'header', path: 'if-match', message: 'must be an ETag this API returned, e.g. "3"' },
    ]);
  });

  it('reads no body for a route without one', async () => {
    const parsed = await validate('getFarm', {
      params: { farmId: 'farm-01jd7y9x2k0000000000000001' },
      body: 'not json',
    });
    expect(parsed.body).toBeUndefined();
  });
});
