// The readers of metrics Drover is told rather than fetches: the agents' reports (built-in and
// custom metrics, per server) and values pushed through the API (per farm role). Both read the
// MetricSampleRepo (a port), so they live with the service rather than with an adapter; a pass's readers share one listing per stream and window, so five rules on
// agent metrics cost one Query.
import type { MetricSample } from '../../domain/scaling/scale-input';
import { metricKey } from '../../domain/schemas/scaling';
import type {
  MetricSampleRepo,
  MetricSourceReader,
  MetricWindow,
  SampleStream,
  ScalingMetricReaders,
  ScalingTarget,
  StoredSampleSet,
} from '../../ports/scaling-metrics';

type Listing = (
  target: ScalingTarget,
  stream: SampleStream,
  window: MetricWindow,
) => Promise<StoredSampleSet[]>;

/** One listing per (farm, stream, window) for as long as this object lives (one evaluation pass). */
function memoizedListing(repo: MetricSampleRepo): Listing {
  const seen = new Map<string, Promise<StoredSampleSet[]>>();
  return (target, stream, window) => {
    const key = JSON.stringify([target.farmId, stream, window.fromMs, window.toMs]);
    let listing = seen.get(key);
    if (!listing) {
      listing = repo.list(target, stream, window);
      seen.set(key, listing);
      listing.catch(() => seen.delete(key));
    }
    return listing;
  };
}

function pick(sets: readonly StoredSampleSet[], key: string, servers?: ReadonlySet<string>): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const set of sets) {
    const value = set.values[key];
    if (value === undefined) continue;
    if (servers && (set.serverId === undefined || !servers.has(set.serverId))) continue;
    samples.push(servers ? { at: set.at, value, serverId: set.serverId } : { at: set.at, value });
  }
  return samples;
}

/** agent, custom and pushed readers over the stored samples. */
export function storedSampleReaders(
  repo: MetricSampleRepo,
): Pick<ScalingMetricReaders, 'agent' | 'custom' | 'pushed'> {
  const list = memoizedListing(repo);
  const perServer: MetricSourceReader<'agent' | 'custom'> = {
    async readSamples(source, target, window) {
      const sets = await list(target, { kind: 'servers' }, window);
      return { samples: pick(sets, metricKey(source), new Set(target.serverIds)) };
    },
  };
  return {
    agent: perServer as MetricSourceReader<'agent'>,
    custom: perServer as MetricSourceReader<'custom'>,
    pushed: {
      async readSamples(source, target, window) {
        const sets = await list(target, { kind: 'pushed', farmRoleId: target.farmRole.id }, window);
        return { samples: pick(sets, metricKey(source)) };
      },
    },
  };
}
