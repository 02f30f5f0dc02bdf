// A quiet pass writes nothing (functions/services/reconcile/quiet-pass.ts): on a converged farm the
// pass takes no lease and saves no summary, counted on the real dynalite table through a counting
// Store; a pass with something to do still takes the lease and acts; the summary is saved again
// when it has something new to say or has grown old.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReconcileDeps } from '../../../functions/services/reconcile/deps';
import { SUMMARY_REFRESH_MS } from '../../../functions/services/reconcile/quiet-pass';
import { reconcileFarm } from '../../../functions/services/reconcile/reconcile-farm';
import type { LocalRuntime } from '../../../local/runtime';
import { until, untilConverged } from '../../support/converge';
import { countedStore, DynamoCounts } from '../../support/counted-store';
import { launch, liveServers, newDemoFarm, startReconcileRuntime, type TestFarm } from './reconcile-world';

let rt: LocalRuntime;
const counts = new DynamoCounts();
let counted: ReturnType<typeof countedStore>;
beforeAll(async () => {
  rt = await startReconcileRuntime();
  counted = countedStore(rt.dynamoEndpoint, rt.tableName, counts);
});
afterAll(async () => {
  counted?.destroy();
  await rt?.stop();
});

const refOf = (farm: TestFarm) => ({ accountId: farm.demo.accountId, farmId: farm.farmId });

/**
 * The partitions written other than the shared inventory's: a location's listing is refreshed once
 * an interval for every farm there (13A's inventory), not by each farm's pass.
 */
const farmWrites = () => counts.written.filter((pk) => !pk.includes('#INV#'));

/** The runtime's reconcile deps on the counting Store, at `offsetMs` from now. */
function countedDeps(offsetMs = 0): ReconcileDeps {
  return {
    ...rt.deps,
    store: counted.store,
    clock: { now: () => new Date(Date.now() + offsetMs) },
  };
}

/** A launched, converged demo farm whose passes from now on are this test's only. */
async function quietFarm(name: string): Promise<TestFarm> {
  const farm = await newDemoFarm(rt, name);
  await launch(farm);
  await untilConverged(farm.api, farm.farmId, { timeoutMs: 30_000 });
  await rt.reconciler.remove(refOf(farm));
  // Passes until one finds nothing to do and nothing new to say.
  await until('a quiet pass', async () => {
    counts.reset();
    const outcome = await reconcileFarm(countedDeps(), refOf(farm));
    return outcome.result === 'no-op' && farmWrites().length === 0;
  });
  return farm;
}

describe('a quiet pass', () => {
  it('makes no write: no lease, no summary', async () => {
    const farm = await quietFarm('quiet');
    for (let i = 0; i < 3; i++) {
      counts.reset();
      const outcome = await reconcileFarm(countedDeps(), refOf(farm));
      expect(outcome.result).toBe('no-op');
      expect(outcome.summary?.convergence).toBe('converged');
      expect(farmWrites(), counts.describe()).toEqual([]);
      expect(counts.writesTo(`#FARM#${farm.farmId}`)).toBe(0);
    }
  });

  it('saves the summary again once it is old, and only then', async () => {
    const farm = await quietFarm('quiet-old-summary');
    counts.reset();
    await reconcileFarm(countedDeps(SUMMARY_REFRESH_MS - 60_000), refOf(farm));
    expect(farmWrites(), counts.describe()).toEqual([]);
    await reconcileFarm(countedDeps(SUMMARY_REFRESH_MS + 1_000), refOf(farm));
    expect(farmWrites(), counts.describe()).toEqual([`ACC#${farm.demo.accountId}#FARM#${farm.farmId}`]);
    const summary = await rt.deps.store.reconciles.getSummary(refOf(farm));
    expect(Date.parse(summary!.lastReconcileAt)).toBeGreaterThan(Date.now() + SUMMARY_REFRESH_MS - 5_000);
  });

  it('takes the lease and acts when the farm lost a server', async () => {
    const farm = await quietFarm('quiet-then-kill');
    const servers = await rt.deps.store.servers.listByFarm(refOf(farm));
    const victim = liveServers(servers, 'web')[0]!;
    rt.sandboxes.ec2.kill(victim.instanceId!);
    await until('the loss acted on', async () => {
      counts.reset();
      const outcome = await reconcileFarm(countedDeps(), refOf(farm));
      return outcome.result === 'applied';
    });
    // The lease put and delete around the acting pass, its server writes and its summary.
    expect(counts.requests.DeleteItemCommand, counts.describe()).toBeGreaterThanOrEqual(1);
    expect(counts.writes).toBeGreaterThanOrEqual(3);
    await until('converged again', async () => {
      await reconcileFarm(rt.deps, refOf(farm));
      const now = liveServers(await rt.deps.store.servers.listByFarm(refOf(farm)), 'web');
      return now.length === 2 && now.every((s) => s.status === 'Running');
    });
  });

  it('answers busy while another pass holds the lease, if it has something to do', async () => {
    const farm = await quietFarm('quiet-busy');
    const ref = refOf(farm);
    const now = new Date();
    expect(
      await rt.deps.store.reconciles.acquireLease(ref, 'someone-else', now, new Date(now.getTime() + 60_000)),
    ).toBe(true);
    try {
      // Quiet: the lease is not needed, so it is not asked for.
      expect((await reconcileFarm(rt.deps, ref)).result).toBe('no-op');
      const victim = liveServers(await rt.deps.store.servers.listByFarm(ref), 'web')[0]!;
      rt.sandboxes.ec2.kill(victim.instanceId!);
      await until('the loss seen', async () => (await reconcileFarm(rt.deps, ref)).result === 'busy');
    } finally {
      await rt.deps.store.reconciles.releaseLease(ref, 'someone-else');
    }
  });
});
