// The agent's reports move its own server through its lifecycle, and its token is good for
// that server only.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../../../functions/domain/schemas/server';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';
import { NOWHERE_CLOUD } from '../../support/route-samples';
import { createServerRecord } from '../../support/server-record';

let rt: LocalRuntime;
let api: ApiClient;
let farmDoc: {
  id: string;
  accountId: string;
  environmentId: string;
  farmRoles: { id: string; alias: string; credentialsId: string }[];
};

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  const envId = rt.demo.environmentId;
  const roleId = (await api.post('/v1/roles', role(envId))).body.id;
  const credId = (
    await api.post(`/v1/environments/${envId}/credentials`, awsAccessKeyCredentials(NOWHERE_CLOUD))
  ).body.id;
  farmDoc = (
    await api.post(`/v1/environments/${envId}/farms`, farm('agent-farm', [awsFarmRole(roleId, credId)]))
  ).body;
});
afterAll(() => rt?.stop());

const tokenFor = (server: Server) =>
  rt.deps.agentTokens.issue({ accountId: server.accountId, farmId: server.farmId, serverId: server.id });
const report = (token: string, name: string) =>
  apiClient(rt.apiUrl, token).post('/v1/agent/events', { name });

describe('agent reports', () => {
  it('HostInit makes a Pending server Initializing, HostUp makes it Running, each recorded as a farm event', async () => {
    const server = await createServerRecord(rt.deps.store, farmDoc, { status: 'Pending' });
    const init = await report(tokenFor(server), 'HostInit');
    expect(init.body).toEqual({ accepted: true, status: 'Initializing' });
    const up = await report(tokenFor(server), 'HostUp');
    expect(up.body).toEqual({ accepted: true, status: 'Running' });
    const stored = await rt.deps.store.servers.get(
      { accountId: server.accountId, farmId: server.farmId },
      server.id,
    );
    expect(stored).toMatchObject({
      status: 'Running',
      timestamps: { Initializing: expect.any(String), Running: expect.any(String) },
    });
    const events = await api.get(`/v1/farms/${farmDoc.id}/events`);
    expect(
      events.body.items
        .filter((e: { serverId: string }) => e.serverId === server.id)
        .map((e: { name: string }) => e.name),
    ).toEqual(['HostUp', 'HostInit']);
  });

  it('a BeforeHostUp failure marks the server Failed', async () => {
    const server = await createServerRecord(rt.deps.store, farmDoc, { status: 'Initializing' });
    expect((await report(tokenFor(server), 'BeforeHostUpFailed')).body).toEqual({
      accepted: true,
      status: 'Failed',
    });
  });

  it('a report that does not fit the server status changes nothing', async () => {
    const server = await createServerRecord(rt.deps.store, farmDoc, { status: 'Terminated' });
    expect((await report(tokenFor(server), 'HostUp')).body).toEqual({
      accepted: false,
      status: 'Terminated',
    });
  });

  it("refuses a token edited to name another server, a user's token, and no token", async () => {
    const mine = await createServerRecord(rt.deps.store, farmDoc, { status: 'Pending' });
    const other = await createServerRecord(rt.deps.store, farmDoc, { status: 'Pending' });
    const edited = tokenFor(mine).replace(mine.id, other.id);
    expect((await report(edited, 'HostUp')).status).toBe(401);
    expect((await report(rt.demo.token, 'HostUp')).status).toBe(401);
    expect((await apiClient(rt.apiUrl).post('/v1/agent/events', { name: 'HostUp' })).status).toBe(401);
    const untouched = await rt.deps.store.servers.get(
      { accountId: other.accountId, farmId: other.farmId },
      other.id,
    );
    expect(untouched?.status).toBe('Pending');
  });

  it('an agent token cannot call the user API', async () => {
    const server = await createServerRecord(rt.deps.store, farmDoc, { status: 'Pending' });
    expect((await apiClient(rt.apiUrl, tokenFor(server)).get(`/v1/farms/${farmDoc.id}`)).status).toBe(401);
  });
});
