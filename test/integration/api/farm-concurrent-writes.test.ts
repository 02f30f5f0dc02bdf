// Two writers at once, over HTTP against the local runtime: the storage condition on the farm's
// version — not the service's own read-and-compare, which two requests in flight both pass — is
// what turns the second of two PUTs with the same If-Match into a 412, and what keeps a user's
// PUT and the reconciler's status write from overwriting each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreconditionFailed } from '../../../functions/domain/errors';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';
import { NOWHERE_CLOUD } from '../../support/route-samples';

const ROUNDS = 18;

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

/** The farm's spec with its one farm role at `maxInstances` (what each writer changes). */
const specWith = (name: string, farmRoleId: string, maxInstances: number) =>
  farm(name, [{ ...awsFarmRole(roleId, credId), id: farmRoleId, minInstances: 1, maxInstances }]);

async function newFarm(name: string) {
  const created = await api.post(
    `/v1/environments/${envId}/farms`,
    farm(name, [awsFarmRole(roleId, credId)]),
  );
  expect(created.status).toBe(201);
  return { id: created.body.id as string, farmRoleId: created.body.farmRoles[0].id as string };
}

describe('two writers of one farm at once', () => {
  it('two PUTs with the same If-Match: exactly one 200 and one 412, round after round', async () => {
    const { id, farmRoleId } = await newFarm('two-puts');
    for (let round = 0; round < ROUNDS; round++) {
      const etag = (await api.get(`/v1/farms/${id}`)).headers.get('etag')!;
      const [a, b] = await Promise.all(
        [3, 4].map((max) =>
          api.put(`/v1/farms/${id}`, specWith('two-puts', farmRoleId, max), { 'if-match': etag }),
        ),
      );
      expect([a!.status, b!.status].sort(), `round ${round}`).toEqual([200, 412]);
      const winner = a!.status === 200 ? a! : b!;
      const after = await api.get(`/v1/farms/${id}`);
      expect(after.body.version, `round ${round}: one write, one version`).toBe(round + 2);
      expect(after.body.farmRoles[0].maxInstances).toBe(winner.body.farmRoles[0].maxInstances);
    }
  });

  it("a user's PUT racing the reconciler's status write: one wins, the other is refused, and its retry loses nothing", async () => {
    const { id, farmRoleId } = await newFarm('put-vs-status');
    const ref = { accountId: rt.demo.accountId };
    for (let round = 0; round < ROUNDS; round++) {
      const read = await api.get(`/v1/farms/${id}`);
      const stored = (await rt.deps.store.farms.get(ref, id))!;
      const status = round % 2 === 0 ? 'Suspended' : 'Terminated';
      // Started a little later each round, so its write lands before, between and after the PUT's read and write.
      const statusWrite = async () => {
        await new Promise((resolve) => setTimeout(resolve, (round % 6) * 4));
        await rt.deps.store.farms.update(
          { ...stored, status, version: stored.version + 1 },
          stored.version,
          stored.name,
        );
      };
      const max = 3 + (round % 5);
      const [put, reconciler] = await Promise.all([
        api.put(`/v1/farms/${id}`, specWith('put-vs-status', farmRoleId, max), {
          'if-match': read.headers.get('etag')!,
        }),
        statusWrite().then(
          () => 'written' as const,
          (err: unknown) => (err instanceof PreconditionFailed ? ('refused' as const) : Promise.reject(err)),
        ),
      ]);
      expect([put.status === 200 ? 'written' : put.status, reconciler].sort(), `round ${round}`).toContain(
        'written',
      );
      expect(
        put.status === 200 && reconciler === 'written',
        `round ${round}: both written over one version`,
      ).toBe(false);
      // The loser does what it does in life: the user re-reads and PUTs again, the reconciler re-reads and writes its status.
      if (put.status !== 200) {
        expect(put.status).toBe(412);
        const fresh = await api.get(`/v1/farms/${id}`);
        const again = await api.put(`/v1/farms/${id}`, specWith('put-vs-status', farmRoleId, max), {
          'if-match': fresh.headers.get('etag')!,
        });
        expect(again.status).toBe(200);
      } else {
        const fresh = (await rt.deps.store.farms.get(ref, id))!;
        await rt.deps.store.farms.update(
          { ...fresh, status, version: fresh.version + 1 },
          fresh.version,
          fresh.name,
        );
      }
      const after = (await rt.deps.store.farms.get(ref, id))!;
      expect(after.status, `round ${round}: the status written`).toBe(status);
      expect(after.farmRoles[0]!.maxInstances, `round ${round}: the user's change`).toBe(max);
    }
  });
});
