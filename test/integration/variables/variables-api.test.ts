// Global Variables over HTTP against the local runtime: each scope's set (ETag, If-Match, 412/428),
// refusals of what the scopes above forbid (final, patterns) with field paths, hidden values
// masked everywhere and kept when sent back masked, the resolved view of a farm role, tenancy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../functions/domain/ids';
import { resolveServerVariables } from '../../../functions/services/variables/resolve-for-server';
import type { LocalRuntime } from '../../../local/runtime';
import { seedDemo } from '../../../local/seed';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';
import { createSampleIds, type Ids } from '../../support/route-samples';

let rt: LocalRuntime;
let api: ApiClient;
let intruder: ApiClient;
let ids: Ids;

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  const other = await seedDemo(rt.deps, {}, 'Other');
  intruder = apiClient(rt.apiUrl, await rt.mintToken(other.userId, other.accountId));
  ids = await createSampleIds(rt, api, 'vars-api');
});
afterAll(() => rt?.stop());

const paths = (ids: Ids) => ({
  account: '/v1/variables/account',
  environment: `/v1/environments/${ids.environmentId}/variables`,
  role: `/v1/roles/${ids.roleId}/variables`,
  farm: `/v1/farms/${ids.farmId}/variables`,
  farmRole: `/v1/farms/${ids.farmId}/farm-roles/${ids.farmRoleId}/variables`,
  server: `/v1/farms/${ids.farmId}/servers/${ids.serverId}/variables`,
});
type Scope = keyof ReturnType<typeof paths>;

/** Replaces a scope's set, reading its current ETag first. */
async function put(scope: Scope, variables: unknown[]) {
  const path = paths(ids)[scope];
  const etag = (await api.get(path)).headers.get('etag')!;
  return api.put(path, { variables }, { 'if-match': etag });
}

describe('the variables of one scope', () => {
  it.each(['account', 'environment', 'role', 'farm', 'farmRole', 'server'] as Scope[])(
    'reads and replaces the %s scope with If-Match, starting at version 0',
    async (scope) => {
      const path = paths(ids)[scope];
      const first = await api.get(path);
      expect(first.status).toBe(200);
      expect(first.headers.get('etag')).toBe('"0"');
      expect(first.body).toMatchObject({ target: { scope }, variables: [], version: 0, updatedAt: null });

      const body = {
        variables: [{ name: `ONLY_${scope.toUpperCase()}`, value: 'x', description: 'set in a test' }],
      };
      expect((await api.put(path, body)).status).toBe(428);
      const written = await api.put(path, body, { 'if-match': '"0"' });
      expect(written.status).toBe(200);
      expect(written.headers.get('etag')).toBe('"1"');
      expect(written.body.variables).toEqual([
        {
          name: `ONLY_${scope.toUpperCase()}`,
          value: 'x',
          final: false,
          required: false,
          hidden: false,
          description: 'set in a test',
        },
      ]);
      const stale = await api.put(path, body, { 'if-match': '"0"' });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ currentVersion: 1 });
      expect((await api.get(path)).body).toEqual(written.body);
      expect((await api.put(path, { variables: [] }, { 'if-match': '"1"' })).status).toBe(200);
    },
  );

  it('refuses a value under a variable made final above, naming the scope that locked it', async () => {
    expect((await put('environment', [{ name: 'REGION', value: 'eu', final: true }])).status).toBe(200);
    const res = await put('farmRole', [
      { name: 'LOG', value: 'x' },
      { name: 'REGION', value: 'us' },
    ]);
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([
      expect.objectContaining({
        path: 'variables.1.value',
        message: expect.stringMatching(/final at environment scope/),
      }),
    ]);
    // Flags may still be added below a final value.
    expect((await put('farmRole', [{ name: 'REGION', hidden: true }])).status).toBe(200);
    await put('farmRole', []);
    await put('environment', []);
  });

  it('refuses a value failing a pattern declared above, and a pattern the inherited value fails', async () => {
    expect(
      (await put('account', [{ name: 'SIZE', value: 'small', validationPattern: 'small|large' }])).status,
    ).toBe(200);
    const bad = await put('farm', [{ name: 'SIZE', value: 'huge' }]);
    expect(bad.status).toBe(422);
    expect(bad.body.issues).toEqual([
      expect.objectContaining({
        path: 'variables.0.value',
        message: expect.stringMatching(/pattern small\|large declared at account scope/),
      }),
    ]);
    // A looser pattern below does not let a value through the stricter one above.
    const loosened = await put('farm', [{ name: 'SIZE', value: 'huge', validationPattern: '.*' }]);
    expect(loosened.status).toBe(422);
    const narrowed = await put('role', [{ name: 'SIZE', validationPattern: 'large' }]);
    expect(narrowed.status).toBe(422);
    expect(narrowed.body.issues).toEqual([
      expect.objectContaining({ path: 'variables.0.validationPattern' }),
    ]);
    expect((await put('farm', [{ name: 'SIZE', value: 'large' }])).status).toBe(200);
    await put('farm', []);
    await put('account', []);
  });

  it('masks hidden values, keeps a stored one sent back masked, and hides a value given under a hidden declaration above', async () => {
    const written = await put('environment', [
      { name: 'DB_PASSWORD', value: 'hunter2', hidden: true },
      { name: 'PLAIN', value: 'p' },
    ]);
    expect(written.status).toBe(200);
    expect(JSON.stringify(written.body)).not.toContain('hunter2');
    const read = await api.get(paths(ids).environment);
    expect(read.body.variables[0]).toMatchObject({ name: 'DB_PASSWORD', value: '******', hidden: true });

    // Sent back as read, with one change elsewhere: the hidden value stays.
    const again = await api.put(
      paths(ids).environment,
      { variables: [read.body.variables[0], { name: 'PLAIN', value: 'q' }] },
      { 'if-match': read.headers.get('etag')! },
    );
    expect(again.status).toBe(200);
    const env = await resolveServerVariables(rt.deps, {
      accountId: rt.demo.accountId,
      farmId: ids.farmId,
      serverId: ids.serverId,
    });
    expect(env).toMatchObject({ DB_PASSWORD: 'hunter2', PLAIN: 'q' });

    const server = await put('server', [{ name: 'DB_PASSWORD', value: 'server-only' }]);
    expect(server.body.variables[0]).toMatchObject({ value: '******', hidden: false });
    expect(JSON.stringify((await api.get(paths(ids).server)).body)).not.toContain('server-only');

    const nothingStored = await put('farm', [{ name: 'OTHER', value: '******' }]);
    expect(nothingStored.status).toBe(422);
    expect(nothingStored.body.issues).toEqual([expect.objectContaining({ path: 'variables.0.value' })]);
    await put('server', []);
    await put('environment', []);
  });

  it("answers 404 for another account's environment, role, farm, farm role and server", async () => {
    for (const scope of ['environment', 'role', 'farm', 'farmRole', 'server'] as Scope[]) {
      const path = paths(ids)[scope];
      expect((await intruder.get(path)).status, scope).toBe(404);
      expect((await intruder.put(path, { variables: [] }, { 'if-match': '*' })).status, scope).toBe(404);
    }
    const unknownFarmRole = `/v1/farms/${ids.farmId}/farm-roles/${newId('farmRole')}/variables`;
    expect((await api.get(unknownFarmRole)).status).toBe(404);
  });

  it("keeps each account's own account scope apart", async () => {
    await put('account', [{ name: 'MINE', value: '1' }]);
    expect((await intruder.get('/v1/variables/account')).body.variables).toEqual([]);
    await put('account', []);
  });
});

describe('the resolved variables of a farm role', () => {
  it('shows each value, where it came from, what it overrides and the problems, hidden values masked', async () => {
    await put('account', [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'TOKEN', value: 'tok-secret', hidden: true },
      { name: 'DB_URL', required: true, description: 'where the app keeps its data' },
    ]);
    await put('environment', [{ name: 'LOG_LEVEL', value: 'warn', final: true }]);
    await put('farmRole', [{ name: 'APP_PORT', value: '8080' }]);
    const res = await api.get(`/v1/farms/${ids.farmId}/farm-roles/${ids.farmRoleId}/variables/resolved`);
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.variables.map((v: { name: string }) => [v.name, v]));
    expect(byName.LOG_LEVEL).toMatchObject({
      value: 'warn',
      scope: 'environment',
      final: true,
      declarations: [
        expect.objectContaining({ scope: 'account', value: 'info', role: 'overridden' }),
        expect.objectContaining({ scope: 'environment', value: 'warn', role: 'effective' }),
      ],
    });
    expect(byName.TOKEN).toMatchObject({ value: '******', scope: 'account', hidden: true });
    expect(byName.APP_PORT).toMatchObject({ value: '8080', scope: 'farmRole' });
    expect(byName.DB_URL).toMatchObject({
      value: null,
      required: true,
      description: 'where the app keeps its data',
    });
    expect(res.body.problems).toEqual([
      expect.objectContaining({ kind: 'requiredMissing', name: 'DB_URL', declaredAt: 'account' }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('tok-secret');
    await put('farmRole', []);
    await put('environment', []);
    await put('account', []);
  });
});
