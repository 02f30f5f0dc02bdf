// How a scaling evaluation reads its metrics: one reader per metric source kind (MetricSource's
// `type`), each answering "the samples of this source for this farm role in this window". The
// reconcile pass asks each rule's reader once per evaluation and hands the samples to the pure
// decideScale; a reader that cannot read (a queue's credentials refused, a check that timed out)
// says why in `missing` instead of throwing, so one broken source makes its rule abstain (or
// hold scale-in) rather than stop the farm's pass.
//
// Kinds and their adapters:
//   agent, custom  per server, from what the agents report (functions/services/scaling/stored-readers.ts)
//   pushed         per farm role, from POST …/farm-roles/{alias}/metrics
//   sqs, http      per farm role, read by the control plane at evaluation time
import type { MetricSample } from '../domain/scaling/scale-input';
import type { StoredFarmRole } from '../domain/schemas/farm';
import type { MetricSource } from '../domain/schemas/scaling';

/** The farm role whose rules are evaluated, with what a reader may need to reach its sources. */
export interface ScalingTarget {
  accountId: string;
  environmentId: string;
  farmId: string;
  farmRole: StoredFarmRole;
  /** The farm role's live servers: per-server sources return samples of these only. */
  serverIds: readonly string[];
}

/** Epoch ms, `fromMs` excluded, `toMs` included (the rule's window ending now). */
export interface MetricWindow {
  fromMs: number;
  toMs: number;
}

export interface SampleRead {
  /** Per-server sources set `serverId` on each sample; farm-role sources leave it out. */
  samples: MetricSample[];
  /** Why the source could not be read this time (absent when the read worked, even with no samples). */
  missing?: string;
}

export type MetricSourceKind = MetricSource['type'];
export type SourceOf<K extends MetricSourceKind> = Extract<MetricSource, { type: K }>;

export interface MetricSourceReader<K extends MetricSourceKind = MetricSourceKind> {
  readSamples(
    source: SourceOf<K>,
    target: ScalingTarget,
    window: MetricWindow,
    now: Date,
  ): Promise<SampleRead>;
}

/** The readers a deployment has, by kind; a kind without one reads as missing. */
export type ScalingMetricReaders = { [K in MetricSourceKind]?: MetricSourceReader<K> };

/** Reads one source through its kind's reader; never throws (a failure becomes `missing`). */
export async function readSamples(
  readers: ScalingMetricReaders,
  source: MetricSource,
  target: ScalingTarget,
  window: MetricWindow,
  now: Date,
): Promise<SampleRead> {
  const reader = readers[source.type] as MetricSourceReader | undefined;
  if (!reader) return { samples: [], missing: `no reader for ${source.type} metrics in this deployment` };
  try {
    return await reader.readSamples(source, target, window, now);
  } catch (err) {
    return { samples: [], missing: (err as Error).message };
  }
}

/** One stored report: values by metricKey, from one server (agent, custom) or for the farm role (pushed). */
export interface StoredSampleSet {
  /** Epoch ms. */
  at: number;
  serverId?: string;
  values: Record<string, number>;
}

/** Whose reports a stream holds: every server of the farm, or one farm role's pushed values. */
export type SampleStream = { kind: 'servers' } | { kind: 'pushed'; farmRoleId: string };

/** Where reported samples are kept until no window can read them (an hour and a bit). */
export interface MetricSampleRepo {
  append(
    farm: { accountId: string; farmId: string },
    stream: SampleStream,
    set: StoredSampleSet,
  ): Promise<void>;
  list(
    farm: { accountId: string; farmId: string },
    stream: SampleStream,
    window: MetricWindow,
  ): Promise<StoredSampleSet[]>;
}
