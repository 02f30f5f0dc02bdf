// `npm run bench -- heal`: how long a server killed behind Drover's back stays missing, per
// cloud, in the worst case for the safety net — the kill lands right after a scheduled pass of
// its farm, so only the cloud's event can bring the replacement sooner than the next one.
// Figures: kill → the replacement's HostUp (its agent reports it Running), on the local runtime
// (dynalite, the real SDK drivers, the sandbox clouds over HTTP) with the production safety-net
// cadence (the runtime's defaults). No assertions: the integration tests hold the behaviour.
// Run: npx tsx test/bench/heal.bench.ts   (BENCH_KILLS=3 for more than one kill per cloud)
import type { Server } from '../../functions/domain/schemas/server';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime';
import { apiClient } from '../support/api-client';
import { untilConverged } from '../support/converge';

const KILLS = Number(process.env.BENCH_KILLS ?? 1);
const GIVE_UP_MS = 150_000;
const ms = (x: number) => (Number.isNaN(x) ? 'not healed' : `${(x / 1000).toFixed(1)} s`);

/** Resolves once a pass of the farm that no event asked for (the safety net's) has ended. */
async function afterScheduledPass(rt: LocalRuntime, farmId: string): Promise<void> {
  const seen = rt.reconciler.outcomes.length;
  for (;;) {
    const fresh = rt.reconciler.outcomes.slice(Math.min(seen, rt.reconciler.outcomes.length));
    if (fresh.some((o) => o.farmId === farmId && /schedule|sweep|safety/.test(o.reason))) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Kills the farm's running server on `platform` right after a scheduled pass; ms until its replacement's HostUp. */
async function killAndTime(rt: LocalRuntime, platform: 'aws' | 'gce'): Promise<number> {
  const api = apiClient(rt.apiUrl, rt.demo.token);
  const { servers } = await untilConverged(api, rt.demo.farmId, { timeoutMs: 120_000 });
  const victim = (servers as Server[]).find((s) => s.platform === platform && s.status === 'Running')!;
  await afterScheduledPass(rt, rt.demo.farmId);
  const replacedBy = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe = () => {};
  const healed = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(Number.NaN), GIVE_UP_MS);
    unsubscribe = rt.bus.subscribe((event) => {
      if (event.name === 'ServerReplaced' && event.serverId)
        replacedBy.set(event.serverId, String(event.payload.replacesServerId));
      if (event.name === 'HostUp' && event.serverId && replacedBy.get(event.serverId) === victim.id)
        resolve(performance.now());
    });
  });
  const killedAt = performance.now();
  (platform === 'aws' ? rt.sandboxes.ec2 : rt.sandboxes.gce).kill(victim.instanceId!);
  const at = await healed;
  clearTimeout(timer);
  unsubscribe();
  return at - killedAt;
}

export async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const rt = await startLocalRuntime({
    port: 0,
    inMemory: true,
    sandboxTimings: { bootMs: 500, shutdownMs: 200 },
    agent: { hostInitDelayMs: 100, hostUpDelayMs: 100 },
  });
  try {
    const api = apiClient(rt.apiUrl, rt.demo.token);
    const launched = await api.post(`/v1/farms/${rt.demo.farmId}/launch`);
    if (launched.status !== 202) throw new Error(`launch answered ${launched.status}`);
    console.log('kill → replacement Running, killed right after a scheduled pass of its farm:');
    for (const platform of ['aws', 'gce'] as const) {
      const times: number[] = [];
      for (let i = 0; i < KILLS; i++) times.push(await killAndTime(rt, platform));
      console.log(`  ${platform === 'aws' ? 'EC2' : 'GCE'}: ${times.map(ms).join(', ')}`);
    }
  } finally {
    await rt.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
