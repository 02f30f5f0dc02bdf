// The OpenAPI document is generated from the routing table and served without a token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../../functions/contract/routes';
import type { LocalRuntime } from '../../../local/runtime';
import { apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.stop());

describe('GET /api/v1/openapi.json', () => {
  it('describes every route with its schemas, publicly', async () => {
    const res = await apiClient(rt.apiUrl).get('/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const route of API_ROUTES.filter((r) => r.operationId !== 'getOpenApi')) {
      const op = res.body.paths[route.path]?.[route.method.toLowerCase()];
      expect(op?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
    }
    expect(Object.keys(res.body.components.schemas)).toEqual(
      expect.arrayContaining(['Farm', 'FarmSpec', 'CloudCredentials', 'Problem']),
    );
    expect(JSON.stringify(res.body.components.schemas.CloudCredentials)).not.toContain('secretAccessKey"');
  });
});
