// Scaling rules through the farm API over HTTP: a farm role's scaling is stored with its
// defaults filled and read back as stored; a bad rule or schedule is refused as problem+json
// naming the field path, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';
import { NOWHERE_CLOUD } from '../../support/route-samples';

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

const cpuTarget = {
  mode: 'target',
  name: 'cpu',
  source: { type: 'agent', metric: 'cpuPercent' },
  target: 60,
};
const officeHours = {
  name: 'office-hours',
  timeZone: 'Europe/Berlin',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '08:00',
  end: '18:00',
  minInstances: 2,
  maxInstances: 4,
};
const farmWithScaling = (name: string, scaling: unknown) =>
  farm(name, [awsFarmRole(roleId, credId, { minInstances: 1, maxInstances: 4, scaling })]);

describe('farm role scaling over HTTP', () => {
  it('stores rules and schedules with their defaults and reads them back', async () => {
    const created = await api.post(
      `/v1/environments/${envId}/farms`,
      farmWithScaling('scaling-ok', { rules: [cpuTarget], schedules: [officeHours] }),
    );
    expect(created.status).toBe(201);
    const scaling = created.body.farmRoles[0].scaling;
    expect(scaling.rules[0]).toMatchObject({
      ...cpuTarget,
      aggregate: 'avg',
      windowSec: 300,
      tolerancePercent: 10,
    });
    expect(scaling.schedules).toEqual([officeHours]);
    expect(scaling.scaleIn).toMatchObject({ cooldownSec: 300, stabilizationSec: 300, action: 'terminate' });
    expect((await api.get(`/v1/farms/${created.body.id}`)).body.farmRoles[0].scaling).toEqual(scaling);
  });

  it.each([
    ['a target of 0', { rules: [{ ...cpuTarget, target: 0 }] }, 'farmRoles.0.scaling.rules.0.target'],
    [
      'an unknown metric',
      { rules: [{ ...cpuTarget, source: { type: 'agent', metric: 'cpu' } }] },
      'farmRoles.0.scaling.rules.0.source.metric',
    ],
    [
      'an unknown time zone',
      { schedules: [{ ...officeHours, timeZone: 'Europe/Atlantis' }] },
      'farmRoles.0.scaling.schedules.0.timeZone',
    ],
    [
      "a schedule max above the farm role's",
      { schedules: [{ ...officeHours, maxInstances: 40 }] },
      'farmRoles.0.scaling.schedules.0.maxInstances',
    ],
  ])('refuses %s with its field path', async (_reason, scaling, path) => {
    const res = await api.post(`/v1/environments/${envId}/farms`, farmWithScaling('scaling-bad', scaling));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'body', path })]));
  });
});
