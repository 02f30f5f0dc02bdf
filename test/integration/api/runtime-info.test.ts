// GET /api/v1/runtime: the public fact the sign-in page reads to show the demo sign-in locally and
// never in AWS. Locally over HTTP; the AWS answer from the meta group's handler as its Lambda builds
// it (no runtimeInfo given), called with an API Gateway event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as metaHandler } from '../../../functions/handlers/api/meta';
import { DEMO_EMAIL, DEMO_PASSWORD, type LocalRuntime } from '../../../local/runtime';
import { apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
}, 60_000);
afterAll(() => rt?.stop());

describe('GET /api/v1/runtime', () => {
  it('answers local with the demo sign-in, without a token', async () => {
    const res = await apiClient(rt.apiUrl).get('/v1/runtime');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      runtime: 'local',
      demoSignIn: { email: DEMO_EMAIL, password: DEMO_PASSWORD },
    });
  });

  it('is a public operation of the OpenAPI document', async () => {
    const doc = (await apiClient(rt.apiUrl).get('/v1/openapi.json')).body;
    const op = doc.paths['/api/v1/runtime'].get;
    expect(op.operationId).toBe('getRuntimeInfo');
    // No security requirement (absent, or [] that overrides a global one).
    expect(op.security ?? []).toEqual([]);
  });

  it('answers aws and no demo from the handler as the Lambda builds it', async () => {
    const handler = metaHandler(rt.deps);
    const now = new Date();
    const res = await handler(
      {
        version: '2.0',
        routeKey: 'GET /api/v1/runtime',
        rawPath: '/api/v1/runtime',
        rawQueryString: '',
        headers: { accept: 'application/json' },
        isBase64Encoded: false,
        requestContext: {
          accountId: '123456789012',
          apiId: 'api',
          domainName: 'example.cloudfront.net',
          domainPrefix: 'example',
          http: {
            method: 'GET',
            path: '/api/v1/runtime',
            protocol: 'HTTP/1.1',
            sourceIp: '203.0.113.7',
            userAgent: 'test',
          },
          requestId: 'req-1',
          routeKey: 'GET /api/v1/runtime',
          stage: '$default',
          time: now.toUTCString(),
          timeEpoch: now.getTime(),
        },
      },
      {},
    );
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(String(res.body))).toEqual({ runtime: 'aws', demoSignIn: null });
  });
});

describe('a runtime started without the demo seed', () => {
  it('answers local with no demo sign-in to name', async () => {
    const bare = await startTestRuntime({ seed: false });
    try {
      const res = await apiClient(bare.apiUrl).get('/v1/runtime');
      expect(res.body).toEqual({ runtime: 'local', demoSignIn: null });
    } finally {
      await bare.stop();
    }
  });
});
