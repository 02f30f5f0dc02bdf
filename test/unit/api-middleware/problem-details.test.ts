// The problemDetails middleware on its own: every error a request raises becomes an RFC 9457
// problem+json answer; typed errors keep their status, field issues and extras, a cloud's error
// is mapped by cloud-problem, and anything else is a generic 500 that tells nothing inside.
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it, vi } from 'vitest';
import {
  Forbidden,
  InvalidInput,
  PreconditionFailed,
  TooManyRequests,
} from '../../../functions/domain/errors';
import { problemDetails } from '../../../functions/handlers/api/middleware/problem-details';
import { CloudError } from '../../../functions/ports/cloud-driver';
import { apiEvent, middyRequest, route } from './middy-request';

function logger() {
  return new Logger({ serviceName: 'problem-details-test', logLevel: 'SILENT' });
}

async function answerTo(error: unknown, log = logger()) {
  const request = middyRequest(apiEvent(route('getFarm'), { params: { farmId: 'farm-1' } }));
  request.error = error as Error;
  await problemDetails(log).onError!(request);
  return { response: request.response!, problem: JSON.parse(request.response!.body as string) };
}

describe('problemDetails', () => {
  it('answers a typed error with its status as application/problem+json', async () => {
    const { response, problem } = await answerTo(new Forbidden('Refused (getFarm): no grant'));
    expect(response.statusCode).toBe(403);
    expect(response.headers).toMatchObject({ 'Content-Type': 'application/problem+json' });
    expect(problem).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'Refused (getFarm): no grant',
      code: 'Forbidden',
      instance: 'req-1',
    });
  });

  it('keeps the field issues of bad input and the current version of a stale write', async () => {
    const issues = [{ in: 'body', path: 'name', message: 'is required' }];
    expect((await answerTo(new InvalidInput('Invalid body name', issues))).problem).toMatchObject({
      status: 400,
      issues,
    });
    expect((await answerTo(new PreconditionFailed('stale', 4))).problem).toMatchObject({
      status: 412,
      currentVersion: 4,
    });
  });

  it('answers anything else with a generic 500 and logs it, never its message or stack', async () => {
    const log = logger();
    const error = vi.spyOn(log, 'error');
    const { response, problem } = await answerTo(new TypeError('secret internals at db.ts:12'), log);
    expect(response.statusCode).toBe(500);
    expect(problem).toMatchObject({ status: 500, code: 'InternalError', title: 'Internal error' });
    expect(response.body).not.toMatch(/secret internals|db\.ts/);
    expect(error).toHaveBeenCalledOnce();
  });

  it("tells a throttled caller when to come back, and maps a cloud's error", async () => {
    expect((await answerTo(new TooManyRequests('slow down', 1.2))).response.headers).toMatchObject({
      'Retry-After': '2',
    });
    const cloud = await answerTo(new CloudError('Throttled', 'raw', { retryAfterMs: 4000 }));
    expect(cloud.response.statusCode).toBe(503);
    expect(cloud.response.headers).toMatchObject({ 'Retry-After': '4' });
    expect(cloud.problem).toMatchObject({ code: 'CloudThrottled', instance: 'req-1' });
  });
});
