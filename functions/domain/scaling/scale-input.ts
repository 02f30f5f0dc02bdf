// What decideScale is given: the farm role's bounds and scaling, the servers that count as its
// capacity, the metric samples the control plane holds, and what earlier evaluations left in
// memory. Plain values, so the reconcile loop, `drover scaling simulate` and tests build them
// alike.
import type { Scaling } from '../schemas/scaling';
import type { ScalingMemory } from '../schemas/scaling-decision';

export interface ScalingServer {
  id: string;
  /** When the agent reported HostUp (epoch ms); null while the server boots. */
  readyAt: number | null;
}

export interface MetricSample {
  /** Epoch ms. */
  at: number;
  value: number;
  /** The reporting server, for per-server sources (agent, custom). */
  serverId?: string;
}

export interface ScaleInput {
  now: Date;
  role: { minInstances: number; maxInstances: number; scaling?: Scaling };
  /** Live servers (launching, booting, running): each is capacity. */
  servers: readonly ScalingServer[];
  /** Samples by metricKey(source); a key shared by rules is read once per rule. */
  samples: Readonly<Record<string, readonly MetricSample[]>>;
  memory: ScalingMemory;
}

/** Memory before any evaluation. */
export const EMPTY_MEMORY: ScalingMemory = {
  breaches: {},
  lastScaleOutAt: null,
  lastScaleInAt: null,
  recentDesired: [],
};
