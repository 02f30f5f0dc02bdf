// Plan before apply over HTTP against the local runtime: POST /farms/{id}/plan and
// POST /environments/{id}/farms/plan answer what the reconciler would do with a proposed spec —
// per farm role, launches, replacements with their reason, terminates, the servers a changed
// launch configuration leaves behind, policy violations and missing variables — and write nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FarmPlanView } from '../../../functions/contract/farm-plan';
import type { Farm } from '../../../functions/domain/schemas/farm';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';
import { NOWHERE_CLOUD } from '../../support/route-samples';
import { createServerRecord } from '../../support/server-record';

let rt: LocalRuntime;
let api: ApiClient;
let envId: string;
let roleId: string;
let credId: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  envId = rt.demo.environmentId;
  roleId = (await api.post('/v1/roles', role(envId))).body.id;
  credId = (await api.post(`/v1/environments/${envId}/credentials`, awsAccessKeyCredentials(NOWHERE_CLOUD)))
    .body.id;
});
afterAll(() => rt?.stop());

/** A farm stored as Running with `running` Running servers in its one farm role (no reconcile runs: no schedule). */
async function runningFarm(name: string, running: number, overrides: Record<string, unknown> = {}) {
  const created = (
    await api.post(`/v1/environments/${envId}/farms`, farm(name, [awsFarmRole(roleId, credId, overrides)]))
  ).body as Farm;
  const stored: Farm = { ...created, status: 'Running', version: 2 };
  await rt.deps.store.farms.update(stored, 1, created.name);
  for (let index = 1; index <= running; index++)
    await createServerRecord(rt.deps.store, stored, {
      index,
      status: 'Running',
      instanceId: `i-0${index}23456789abcdef0`,
    });
  return stored;
}

const specOf = (f: Farm, farmRole: Record<string, unknown>) =>
  farm(f.name, [{ ...awsFarmRole(roleId, credId), id: f.farmRoles[0]!.id, ...farmRole }]);

async function plan(f: Farm, farmRole: Record<string, unknown>) {
  const res = await api.post(`/v1/farms/${f.id}/plan`, specOf(f, farmRole));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return FarmPlanView.parse(res.body);
}

describe('POST /farms/{farmId}/plan', () => {
  it('plans a scale-out per farm role with the field change causing it, and writes nothing', async () => {
    const f = await runningFarm('plan-out', 2, { minInstances: 2, maxInstances: 4 });
    const p = await plan(f, { minInstances: 3, maxInstances: 4 });
    expect(p).toMatchObject({ farmId: f.id, farmVersion: 2, farmStatus: 'Running', basis: 'current' });
    expect(p.summary).toEqual({ launch: 1, replace: 0, terminate: 0, blocked: false });
    const [web] = p.farmRoles;
    expect(web).toMatchObject({ alias: 'web', change: 'changed', scale: { from: 2, to: 3 } });
    expect(web!.fieldChanges).toEqual([
      { path: 'farmRoles[web].minInstances', kind: 'changed', before: 2, after: 3 },
    ]);
    expect(web!.launches).toEqual([
      expect.objectContaining({ index: 3, cause: 'scale-out', zone: 'us-east-1a' }),
    ]);
    const after = await api.get(`/v1/farms/${f.id}`);
    expect(after.body.version).toBe(2);
    expect(after.body.farmRoles[0].minInstances).toBe(2);
    expect((await rt.deps.store.servers.listByFarm({ accountId: f.accountId, farmId: f.id })).length).toBe(2);
  });

  it('plans a scale-in and names the servers it terminates', async () => {
    const f = await runningFarm('plan-in', 3, { minInstances: 3, maxInstances: 3 });
    const p = await plan(f, { minInstances: 1, maxInstances: 3 });
    expect(p.summary).toMatchObject({ launch: 0, terminate: 2 });
    expect(p.farmRoles[0]!.scale).toEqual({ from: 3, to: 1 });
    expect(p.farmRoles[0]!.terminates.map((t) => [t.index, t.cause])).toEqual([
      [3, 'scale-in'],
      [2, 'scale-in'],
    ]);
  });

  it('replaces a failed server, with the reason, and lists servers left on an old instance type', async () => {
    const f = await runningFarm('plan-heal', 1, { minInstances: 2, maxInstances: 2 });
    const failed = await createServerRecord(rt.deps.store, f, {
      index: 2,
      status: 'Failed',
      statusReason: 'HostInit never came',
      instanceId: null,
    });
    const p = await plan(f, { minInstances: 2, maxInstances: 2, instanceType: 't3.medium' });
    expect(p.summary).toEqual({ launch: 0, replace: 1, terminate: 0, blocked: false });
    expect(p.farmRoles[0]!.replacements).toEqual([
      expect.objectContaining({
        serverId: failed.id,
        kind: 'health',
        replacement: expect.objectContaining({ instanceType: 't3.medium' }),
      }),
    ]);
    expect(p.farmRoles[0]!.replacements[0]!.reason).toContain('HostInit never came');
    expect(p.farmRoles[0]!.outdatedServers).toEqual([
      expect.objectContaining({ index: 1, fields: ['instanceType'] }),
    ]);
  });

  it('lists a removed farm role with every server it terminates', async () => {
    const f = await runningFarm('plan-remove', 2, { minInstances: 2, maxInstances: 2 });
    const res = await api.post(`/v1/farms/${f.id}/plan`, {
      ...farm(f.name, [awsFarmRole(roleId, credId, { alias: 'api' })]),
    });
    const p = FarmPlanView.parse(res.body);
    const removed = p.farmRoles.find((r) => r.alias === 'web')!;
    expect(removed).toMatchObject({ change: 'removed', scale: { from: 2, to: 0 } });
    expect(removed.terminates.map((t) => t.cause)).toEqual(['role-removed', 'role-removed']);
    expect(p.farmRoles.find((r) => r.alias === 'api')).toMatchObject({ change: 'added', farmRoleId: null });
    expect(p.summary).toMatchObject({ launch: 1, terminate: 2 });
  });

  it('lists policy violations and missing variables instead of refusing', async () => {
    const f = await runningFarm('plan-blocked', 1, { minInstances: 1, maxInstances: 2 });
    const policy = await api.post(`/v1/environments/${envId}/policies`, {
      name: 'plan small instances',
      rule: { kind: 'allowed-instance-types', instanceTypes: ['t3.*'] },
    });
    expect(policy.status).toBe(201);
    const vars = await api.get(`/v1/farms/${f.id}/variables`);
    const declared = await api.put(
      `/v1/farms/${f.id}/variables`,
      { variables: [{ name: 'DB_URL', required: true }] },
      { 'if-match': vars.headers.get('etag')! },
    );
    expect(declared.status, JSON.stringify(declared.body)).toBe(200);
    try {
      const p = await plan(f, { minInstances: 1, maxInstances: 2, instanceType: 'm5.large' });
      expect(p.summary.blocked).toBe(true);
      expect(p.farmRoles[0]!.violations).toEqual([
        expect.objectContaining({ policyName: 'plan small instances', rule: 'allowed-instance-types' }),
      ]);
      expect(p.farmRoles[0]!.missingVariables).toEqual([{ name: 'DB_URL', declaredAt: 'farm' }]);
      // Saving the same spec is what the violation blocks.
      const save = await api.put(`/v1/farms/${f.id}`, specOf(f, { instanceType: 'm5.large' }), {
        'if-match': '"2"',
      });
      expect(save.status).toBe(422);
    } finally {
      await api.delete(`/v1/environments/${envId}/policies/${policy.body.id}`, { 'if-match': '*' });
    }
  });

  it('answers 400 with the field path for a bad spec and 422 for an unknown farm role id', async () => {
    const f = await runningFarm('plan-bad', 1);
    const bad = await api.post(`/v1/farms/${f.id}/plan`, specOf(f, { minInstances: 5, maxInstances: 2 }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'farmRoles.0.minInstances' })]),
    );
    const unknown = await api.post(
      `/v1/farms/${f.id}/plan`,
      specOf(f, { id: 'fr-00000000000000000000000000' }),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.issues).toEqual([expect.objectContaining({ path: 'farmRoles.0.id' })]);
  });
});

describe('POST /environments/{environmentId}/farms/plan', () => {
  it('plans what launching a farm not saved yet would do, and creates nothing', async () => {
    const res = await api.post(
      `/v1/environments/${envId}/farms/plan`,
      farm('plan-new', [
        awsFarmRole(roleId, credId, { minInstances: 2, zones: ['us-east-1a', 'us-east-1b'] }),
      ]),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const p = FarmPlanView.parse(res.body);
    expect(p).toMatchObject({ farmId: null, farmVersion: null, basis: 'on-launch' });
    expect(p.summary).toEqual({ launch: 2, replace: 0, terminate: 0, blocked: false });
    expect(p.farmRoles[0]).toMatchObject({ change: 'added', scale: { from: 0, to: 2 } });
    expect(p.farmRoles[0]!.launches.map((l) => [l.index, l.zone, l.cause])).toEqual([
      [1, 'us-east-1a', 'initial'],
      [2, 'us-east-1b', 'initial'],
    ]);
    const farms = await api.get(`/v1/environments/${envId}/farms?limit=200`);
    expect(farms.body.items.some((f: { name: string }) => f.name === 'plan-new')).toBe(false);
  });
});
