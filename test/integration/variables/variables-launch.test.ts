// Global Variables at launch, end to end on the local runtime with the sandbox clouds: a required
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${NAME}` in these strings is the tag syntax under test, not a template mistake
// variable without a value refuses the launch with the list of what is missing; `${NAME}` in a farm
// role's tags is filled on the instance (a hidden one refused); a farm role whose variables become
// invalid while running launches nothing more, with the reason in the farm's status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DROVER_TAG_KEYS } from '../../../functions/domain/clouds/launch-spec';
import type { LocalRuntime } from '../../../local/runtime';
import { untilConverged, untilFarm } from '../../support/converge';
import {
  launch,
  liveInstancesOf,
  liveServers,
  newDemoFarm,
  startReconcileRuntime,
  type TestFarm,
} from '../reconcile/reconcile-world';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterAll(() => rt?.stop());

/** Replaces one scope's variables, reading its ETag first. */
async function declare(farm: TestFarm, path: string, variables: unknown[]) {
  const etag = (await farm.api.get(path)).headers.get('etag')!;
  const res = await farm.api.put(path, { variables }, { 'if-match': etag });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Sets the tags of the farm role `alias` in the farm's spec. */
async function setTags(farm: TestFarm, alias: string, tags: Record<string, string>) {
  const read = await farm.api.get(`/v1/farms/${farm.farmId}`);
  const {
    id: _id,
    accountId: _a,
    environmentId: _e,
    status: _s,
    ownerId: _o,
    ownerTeamId: _t,
    launchedAt: _l,
    version: _v,
    createdAt: _c,
    updatedAt: _u,
    ...spec
  } = read.body;
  spec.farmRoles = spec.farmRoles.map((fr: { alias: string }) => (fr.alias === alias ? { ...fr, tags } : fr));
  const res = await farm.api.put(`/v1/farms/${farm.farmId}`, spec, { 'if-match': read.headers.get('etag')! });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { farmRoles: { id: string; alias: string }[] };
}

describe('launching a farm with Global Variables', () => {
  let farm: TestFarm;
  let envVars: string;

  beforeAll(async () => {
    farm = await newDemoFarm(rt, 'vars-launch');
    envVars = `/v1/environments/${farm.demo.environmentId}/variables`;
  });

  it('refuses the launch with every missing required variable per farm role, and changes nothing', async () => {
    await declare(farm, '/v1/variables/account', [{ name: 'DB_URL', required: true }]);
    await declare(farm, envVars, [
      { name: 'TEAM', value: 'payments' },
      { name: 'QUEUE', required: true },
    ]);
    const res = await farm.api.post(`/v1/farms/${farm.farmId}/launch`);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('MissingRequiredVariables');
    expect(res.body.detail).toMatch(
      /missing required variables: web\/DB_URL, web\/QUEUE, worker\/DB_URL, worker\/QUEUE/,
    );
    expect(res.body.missing).toEqual([
      expect.objectContaining({ farmRoleAlias: 'web', name: 'DB_URL', declaredAt: 'account' }),
      expect.objectContaining({ farmRoleAlias: 'web', name: 'QUEUE', declaredAt: 'environment' }),
      expect.objectContaining({ farmRoleAlias: 'worker', name: 'DB_URL', declaredAt: 'account' }),
      expect.objectContaining({ farmRoleAlias: 'worker', name: 'QUEUE', declaredAt: 'environment' }),
    ]);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual([
      'farmRoles.0.variables',
      'farmRoles.0.variables',
      'farmRoles.1.variables',
      'farmRoles.1.variables',
    ]);
    expect((await farm.api.get(`/v1/farms/${farm.farmId}`)).body.status).toBe('Terminated');
  });

  it('refuses a hidden variable in a tag, saying why', async () => {
    await declare(farm, envVars, [
      { name: 'TEAM', value: 'payments' },
      { name: 'QUEUE', value: 'jobs' },
      { name: 'API_KEY', value: 'k-123', hidden: true },
    ]);
    await declare(farm, `/v1/farms/${farm.farmId}/variables`, [{ name: 'DB_URL', value: 'pg://db' }]);
    await setTags(farm, 'web', { team: '${TEAM}', key: '${API_KEY}' });
    const res = await farm.api.post(`/v1/farms/${farm.farmId}/launch`);
    expect(res.status).toBe(422);
    expect(res.body.missing).toEqual([]);
    expect(res.body.issues).toEqual([
      expect.objectContaining({
        path: 'farmRoles.0.variables',
        message: expect.stringMatching(
          /tag key references the hidden variable API_KEY: hidden values are never put in tags/,
        ),
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('k-123');
  });

  it('launches once every required variable has a value, with the tags filled on the instances', async () => {
    await setTags(farm, 'web', {
      team: '${TEAM}',
      tier: '${DROVER_FARM_ROLE_ALIAS}-${QUEUE}',
      literal: '$${TEAM}',
    });
    await launch(farm);
    const { status } = await untilConverged(farm.api, farm.farmId);
    expect(status.status).toBe('Running');
    const web = liveInstancesOf(rt, farm.farmId).filter((i) => i.tags.team !== undefined && i.tags.tier);
    expect(web).toHaveLength(2);
    for (const instance of web)
      expect(instance.tags).toMatchObject({ team: 'payments', tier: 'web-jobs', literal: '${TEAM}' });
    expect(web.every((i) => i.tags[DROVER_TAG_KEYS.farmId] === farm.farmId)).toBe(true);
  });

  it('launches no more servers of a farm role whose variables became invalid, and says why in the status', async () => {
    const spec = (await farm.api.get(`/v1/farms/${farm.farmId}`)).body;
    const webRole = spec.farmRoles.find((fr: { alias: string }) => fr.alias === 'web');
    await declare(farm, `/v1/farms/${farm.farmId}/farm-roles/${webRole.id}/variables`, [
      { name: 'CERT', required: true },
    ]);
    const before = await untilConverged(farm.api, farm.farmId);
    const victim = liveServers(before.servers, 'web')[0]!;
    expect(rt.sandboxes.ec2.kill(victim.instanceId!)).toBe(true);

    const held = await untilFarm(
      farm.api,
      farm.farmId,
      'the killed server ended and its launch held',
      (snap) =>
        snap.servers.find((s) => s.id === victim.id)?.status === 'Terminated' &&
        snap.status.reasons.some((r) => r.includes('farm role web does not launch servers')),
    );
    expect(held.status.reasons).toContainEqual(
      expect.stringMatching(
        /farm role web does not launch servers: CERT is required \(declared at farm role scope\) and has no value/,
      ),
    );
    // A few more passes (one a second here): still nothing launched for web.
    await new Promise((r) => setTimeout(r, 2_500));
    const still = await farm.api.get(`/v1/farms/${farm.farmId}/servers?status=live`);
    expect(liveServers(still.body.items, 'web')).toHaveLength(1);

    await declare(farm, `/v1/farms/${farm.farmId}/farm-roles/${webRole.id}/variables`, [
      { name: 'CERT', value: 'cert-1', required: true },
    ]);
    const healed = await untilFarm(
      farm.api,
      farm.farmId,
      'web back to two servers',
      (snap) => liveServers(snap.servers, 'web').filter((s) => s.status === 'Running').length === 2,
    );
    expect(healed.status.reasons.join(' ')).not.toMatch(/does not launch/);
  });
});
