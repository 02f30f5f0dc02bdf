// The API as the demo user, for e2e tests that set up or check what the browser shows: the
// shared test client, failing loudly on any refusal.
import type { LocalRuntime } from '../../../local/runtime';
import { apiClient } from '../../support/api-client';

export function demoApi(runtime: LocalRuntime) {
  const api = apiClient(`${runtime.apiUrl}/v1`, runtime.demo.token);
  return async (method: string, apiPath: string, body?: unknown, headers: Record<string, string> = {}) => {
    const reply = await api.call(method, apiPath, { body, headers });
    if (reply.status >= 400)
      throw new Error(`${method} ${apiPath}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return { body: reply.body, etag: reply.headers.get('etag') };
  };
}
