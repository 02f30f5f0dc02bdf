// Every request is scoped to the caller's account: another account's ids answer 404 on
// every route that takes an id, whatever the method — never 403, never the data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { seedDemo } from '../../../local/seed';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';
import {
  createSampleIds,
  fillPath,
  type Ids,
  ROUTES_WITH_PARAMS,
  VALID_BODIES,
} from '../../support/route-samples';

let rt: LocalRuntime;
let owner: ApiClient;
let intruder: ApiClient;
/** Agent routes take a server token: one of the other account, naming the owner's farm and server ids. */
let intruderAgent: ApiClient;
let ids: Ids;

beforeAll(async () => {
  rt = await startTestRuntime();
  owner = apiClient(rt.apiUrl, rt.demo.token);
  const other = await seedDemo(rt.deps, {}, 'Other');
  intruder = apiClient(rt.apiUrl, await rt.mintToken(other.userId, other.accountId));
  ids = await createSampleIds(rt, owner, 'tenancy', { status: 'Running', instanceId: 'i-0123456789abcdef0' });
  intruderAgent = apiClient(
    rt.apiUrl,
    rt.deps.agentTokens.issue({ accountId: other.accountId, farmId: ids.farmId, serverId: ids.serverId }),
  );
});
afterAll(() => rt?.stop());

describe('tenant isolation', () => {
  // The platform operator's routes name accounts and belong to no tenant: every user token is 401
  // there (tenancy-table.test.ts and the access table say so).
  const tenantRoutes = ROUTES_WITH_PARAMS.filter((r) => r.auth !== 'operator');
  it.each(tenantRoutes)("$operationId with another account's ids → 404", async (route) => {
    const body = VALID_BODIES[route.operationId]?.(ids);
    const caller = route.auth === 'agent' ? intruderAgent : intruder;
    const res = await caller.call(route.method, fillPath(route, ids), {
      body,
      headers: { 'if-match': '*' },
    });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(rt.demo.accountId);
  });

  it("lists show only the caller's own items", async () => {
    const envs = await intruder.get('/v1/environments');
    expect(envs.body.items.map((e: { id: string }) => e.id)).not.toContain(ids.environmentId);
    const roles = await intruder.get('/v1/roles');
    expect(roles.body.items.map((r: { id: string }) => r.id)).not.toContain(ids.roleId);
  });

  it("the owner's items are untouched after the intruder's attempts", async () => {
    const res = await owner.get(`/v1/farms/${ids.farmId}`);
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('tenancy');
  });
});
