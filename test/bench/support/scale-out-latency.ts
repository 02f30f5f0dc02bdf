// The time from a metric crossing its target to the launch call, on the local runtime (dynalite,
// the real EC2 driver against the EC2 sandbox over HTTP) with production cadence: rules evaluated
// once a minute (EVALUATION_PERIOD_MS), the sweep's tick a minute. A farm role with a pushed
// per-instance rule (100 each) gets a value that wants one more server; the clock stops when the
// EC2 sandbox sees the new instance (RunInstances). Each push lands at a random moment of the
// evaluation period, so the figures spread over it.
import { DROVER_TAG_KEYS } from '../../../functions/domain/clouds/launch-spec';
import { startLocalRuntime } from '../../../local/runtime';
import { apiClient } from '../../support/api-client';
import { untilConverged } from '../../support/converge';

const TRIALS = Number(process.env.BENCH_SCALE_TRIALS ?? 3);
const GIVE_UP_MS = 180_000;

export async function scaleOutLatency(): Promise<{ trials: number; ms: number[] }> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const rt = await startLocalRuntime({ port: 0, inMemory: true });
  try {
    const api = apiClient(rt.apiUrl, rt.demo.token);
    const farmId = rt.demo.farmId;
    const current = await api.get(`/v1/farms/${farmId}`);
    const { name, description, leaseExpiresAt, farmRoles } = current.body;
    const web = farmRoles.find((fr: { alias: string }) => fr.alias === 'web');
    const scaling = {
      rules: [
        // max over the window: the value crosses at the push itself (avg would wait for older samples to age out).
        {
          name: 'jobs',
          mode: 'per-instance',
          source: { type: 'pushed', name: 'jobs' },
          perInstance: 100,
          aggregate: 'max',
        },
      ],
      scaleOut: { cooldownSec: 0 },
    };
    const spec = {
      name,
      description,
      leaseExpiresAt,
      farmRoles: [{ ...web, minInstances: 1, maxInstances: TRIALS + 1, scaling }],
    };
    await api.put(`/v1/farms/${farmId}`, spec, { 'if-match': current.headers.get('etag')! });
    await api.post(`/v1/farms/${farmId}/farm-roles/web/metrics`, { metrics: { jobs: 50 } });
    await api.post(`/v1/farms/${farmId}/launch`);
    await untilConverged(api, farmId, { timeoutMs: 120_000 });
    const ms: number[] = [];
    for (let n = 1; n <= TRIALS; n++) {
      // A random phase against the evaluation period, as a real metric would cross at any time.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 60_000));
      let unsubscribe = () => {};
      const launched = new Promise<number>((resolve) => {
        const timer = setTimeout(() => resolve(Number.NaN), GIVE_UP_MS);
        unsubscribe = rt.sandboxes.ec2.onStateChange(({ instance, previous }) => {
          if (previous === null && instance.tags[DROVER_TAG_KEYS.farmId] === farmId) {
            clearTimeout(timer);
            resolve(performance.now());
          }
        });
      });
      const crossed = performance.now();
      await api.post(`/v1/farms/${farmId}/farm-roles/web/metrics`, { metrics: { jobs: 100 * n + 50 } });
      ms.push((await launched) - crossed);
      unsubscribe();
      await untilConverged(api, farmId, { timeoutMs: 120_000 });
    }
    return { trials: TRIALS, ms };
  } finally {
    await rt.stop();
  }
}
