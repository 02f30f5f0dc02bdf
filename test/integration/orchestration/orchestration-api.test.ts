// The orchestration API over HTTP on the local runtime: scripts (every save a version, in use
// means undeletable), rules (scope and script checked, abort only for BeforeHostUp), executions
// per farm, server and script and one with its output, and custom events that reach both a rule
// and a webhook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { seedDemo } from '../../../local/seed';
import { type ApiClient, apiClient } from '../../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';
import { scriptInput } from '../../support/orchestration-samples';
import { createServerRecord } from '../../support/server-record';
import { type Receiver, startReceiver } from '../../support/webhook-receiver';

let rt: LocalRuntime;
let api: ApiClient;
let receiver: Receiver;
let env: string;
let farmId: string;
let serverId: string;

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  api = apiClient(rt.apiUrl, rt.demo.token);
  receiver = await startReceiver();
  env = rt.demo.environmentId;
  const roleId = (await api.post('/v1/roles', role(env))).body.id;
  const credentialsId = (await api.post(`/v1/environments/${env}/credentials`, awsAccessKeyCredentials()))
    .body.id;
  const created = (
    await api.post(`/v1/environments/${env}/farms`, farm('orch-api', [awsFarmRole(roleId, credentialsId)]))
  ).body;
  farmId = created.id;
  serverId = (await createServerRecord(rt.deps.store, created, { status: 'Running' })).id;
});
afterAll(async () => {
  await rt?.stop();
  await receiver?.close();
});

const etag = (n: number) => ({ 'if-match': `"${n}"` });

describe('scripts', () => {
  it('keeps every save as a version and answers any of them', async () => {
    const created = await api.post('/v1/scripts', { ...scriptInput('versions'), body: 'echo one' });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const id = created.body.id;

    expect((await api.put(`/v1/scripts/${id}`, { name: 'versions', body: 'echo two' })).status).toBe(428);
    const saved = await api.put(`/v1/scripts/${id}`, { name: 'versions', body: 'echo two' }, etag(1));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ latestVersion: 2, version: 2, body: 'echo two' });
    expect((await api.put(`/v1/scripts/${id}`, { name: 'versions', body: 'lost' }, etag(1))).status).toBe(
      412,
    );

    const versions = await api.get(`/v1/scripts/${id}/versions`);
    expect(versions.body.items.map((v: { number: number; body: string }) => [v.number, v.body])).toEqual([
      [2, 'echo two'],
      [1, 'echo one'],
    ]);
    expect((await api.get(`/v1/scripts/${id}/versions/1`)).body.body).toBe('echo one');
    expect((await api.get(`/v1/scripts/${id}/versions/3`)).status).toBe(404);
  });

  it('refuses a second script of the same name', async () => {
    await api.post('/v1/scripts', scriptInput('twice'));
    const again = await api.post('/v1/scripts', scriptInput('TWICE'));
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('twice');
  });

  it('refuses to delete a script a rule uses, naming the rule, and deletes it once unused', async () => {
    const script = (await api.post('/v1/scripts', scriptInput('in-use'))).body;
    const rule = (
      await api.post('/v1/orchestration-rules', {
        scope: { kind: 'account' },
        event: 'HostUp',
        scriptId: script.id,
      })
    ).body;
    const refused = await api.delete(`/v1/scripts/${script.id}`, etag(1));
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(rule.id);

    expect((await api.delete(`/v1/orchestration-rules/${rule.id}`, etag(1))).status).toBe(204);
    expect((await api.delete(`/v1/scripts/${script.id}`, etag(1))).status).toBe(204);
    expect((await api.get(`/v1/scripts/${script.id}`)).status).toBe(404);
  });
});

describe('orchestration rules', () => {
  let scriptId: string;
  beforeAll(async () => {
    scriptId = (await api.post('/v1/scripts', scriptInput('rules'))).body.id;
  });

  it.each([
    [
      'an environment of no one',
      () => ({ kind: 'environment', environmentId: 'env-00000000000000000000000000' }),
      'scope.environmentId',
    ],
    ['a role of no one', () => ({ kind: 'role', roleId: 'role-00000000000000000000000000' }), 'scope.roleId'],
    ['a farm of no one', () => ({ kind: 'farm', farmId: 'farm-00000000000000000000000000' }), 'scope.farmId'],
    [
      'a farm role not in the farm',
      () => ({ kind: 'farmRole', farmId, farmRoleId: 'fr-00000000000000000000000000' }),
      'scope.farmRoleId',
    ],
  ])('refuses a scope naming %s with 422 and the field path', async (_why, scope, path) => {
    const res = await api.post('/v1/orchestration-rules', { scope: scope(), event: 'HostUp', scriptId });
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ in: 'body', path })]);
  });

  it('refuses a script that does not exist and a version it does not have', async () => {
    const noScript = await api.post('/v1/orchestration-rules', {
      scope: { kind: 'account' },
      event: 'HostUp',
      scriptId: 'scr-00000000000000000000000000',
    });
    expect([noScript.status, noScript.body.issues[0].path]).toEqual([422, 'scriptId']);
    const noVersion = await api.post('/v1/orchestration-rules', {
      scope: { kind: 'account' },
      event: 'HostUp',
      scriptId,
      scriptVersion: 2,
    });
    expect([noVersion.status, noVersion.body.issues[0].path]).toEqual([422, 'scriptVersion']);
  });

  it('lets only a BeforeHostUp rule abort a launch', async () => {
    const hostUp = await api.post('/v1/orchestration-rules', {
      scope: { kind: 'farm', farmId },
      event: 'HostUp',
      scriptId,
      abortOnFailure: true,
    });
    expect(hostUp.status).toBe(400);
    expect(hostUp.body.issues).toEqual([expect.objectContaining({ in: 'body', path: 'abortOnFailure' })]);
    const beforeHostUp = await api.post('/v1/orchestration-rules', {
      scope: { kind: 'farm', farmId },
      event: 'BeforeHostUp',
      scriptId,
      abortOnFailure: true,
    });
    expect(beforeHostUp.status).toBe(201);
    expect(beforeHostUp.body).toMatchObject({
      target: 'triggering-server',
      order: 100,
      runAs: 'root',
      enabled: true,
    });
    const updated = await api.put(
      `/v1/orchestration-rules/${beforeHostUp.body.id}`,
      { scope: { kind: 'farm', farmId }, event: 'BeforeHostUp', scriptId, enabled: false },
      etag(1),
    );
    expect(updated.body).toMatchObject({ enabled: false, version: 2 });
  });
});

describe('custom events and executions', () => {
  let scriptId: string;
  let ruleId: string;

  beforeAll(async () => {
    scriptId = (await api.post('/v1/scripts', { ...scriptInput('on-deploy'), body: 'echo deployed' })).body
      .id;
    ruleId = (
      await api.post('/v1/orchestration-rules', {
        scope: { kind: 'farm', farmId },
        event: 'DeployFinished',
        target: 'farm',
        scriptId,
        timeoutSeconds: 30,
      })
    ).body.id;
    const endpointId = (await api.post(`/v1/environments/${env}/webhook-endpoints`, { url: receiver.url }))
      .body.id;
    await api.post(`/v1/environments/${env}/webhooks`, {
      name: 'deploys',
      endpointIds: [endpointId],
      events: ['DeployFinished'],
    });
  });

  it('refuses a lifecycle event name with the field path', async () => {
    const res = await api.post(`/v1/farms/${farmId}/events`, { name: 'HostDown' });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([expect.objectContaining({ in: 'body', path: 'name' })]);
  });

  it('records a custom event in the farm log and runs the rules and webhooks that follow it', async () => {
    const fired = await api.post(`/v1/farms/${farmId}/events`, {
      name: 'DeployFinished',
      payload: { version: '7' },
    });
    expect(fired.status).toBe(202);
    expect(fired.body).toMatchObject({ name: 'DeployFinished', farmId, payload: { version: '7' } });

    const log = await api.get(`/v1/farms/${farmId}/events`);
    expect(log.body.items[0]).toMatchObject({ id: fired.body.id, name: 'DeployFinished' });

    const [delivery] = await receiver.waitFor(1);
    expect(JSON.parse(delivery!.body).event).toMatchObject({ id: fired.body.id, name: 'DeployFinished' });

    await rt.orchestration.idle();
    const byFarm = await api.get(`/v1/farms/${farmId}/executions`);
    expect(byFarm.status).toBe(200);
    expect(byFarm.body.items).toHaveLength(1);
    const execution = byFarm.body.items[0];
    expect(execution).toMatchObject({
      serverId,
      ruleId,
      scriptId,
      eventId: fired.body.id,
      eventName: 'DeployFinished',
      status: 'queued',
      timeoutSeconds: 30,
    });
    const byServer = await api.get(`/v1/farms/${farmId}/servers/${serverId}/executions`);
    expect(byServer.body.items.map((e: { id: string }) => e.id)).toEqual([execution.id]);
    const byScript = await api.get(`/v1/scripts/${scriptId}/executions`);
    expect(byScript.body.items.map((e: { id: string }) => e.id)).toEqual([execution.id]);
    const one = await api.get(`/v1/executions/${execution.id}`);
    expect(one.body).toMatchObject({ id: execution.id, stdoutTail: '', stderrTail: '' });
  });

  it('lists only the last KiB of output, and GET one execution gives all of it', async () => {
    const scope = { accountId: rt.demo.accountId };
    const [queued] = (await rt.deps.store.executions.listByFarm({ ...scope, farmId }, { limit: 1 })).items;
    const long = `${'a'.repeat(5000)}END`;
    await rt.deps.store.executions.update(
      { ...queued!, status: 'succeeded', exitCode: 0, stdoutTail: long, version: 2 },
      1,
    );
    const listed = (await api.get(`/v1/farms/${farmId}/executions`)).body.items[0];
    expect(Buffer.byteLength(listed.stdoutTail)).toBe(1024);
    expect(listed.stdoutTail.endsWith('END')).toBe(true);
    expect((await api.get(`/v1/executions/${queued!.id}`)).body.stdoutTail).toBe(long);
  });

  it('answers 404 for another account’s execution and for an unknown server', async () => {
    const [mine] = (
      await rt.deps.store.executions.listByFarm({ accountId: rt.demo.accountId, farmId }, { limit: 1 })
    ).items;
    const intruder = await seedDemo(rt.deps, {}, 'Intruder');
    const other = apiClient(rt.apiUrl, await rt.mintToken(intruder.userId, intruder.accountId));
    expect((await other.get(`/v1/executions/${mine!.id}`)).status).toBe(404);
    expect(
      (await api.get(`/v1/farms/${farmId}/servers/srv-00000000000000000000000000/executions`)).status,
    ).toBe(404);
  });
});
