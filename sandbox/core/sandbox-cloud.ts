// What every sandbox cloud (EC2, GCE, later OpenStack/CloudStack) offers the local runtime
// and the tests: an HTTP server speaking the cloud's real wire protocol, plus a control
// surface to inject faults and to watch instances change state. The same controls are
// reachable over HTTP under `<url>/_sandbox/…` (control.ts); SandboxServer implements it all
// but the wire protocol (sandbox/README.md).

import type { RecordedCall } from './call-log';
import type { LostResponseKind } from './lost-responses';
import type { SimulatedLoad } from './simulated-load';

export type SandboxInstanceState =
  | 'pending'
  | 'running'
  | 'stopping'
  | 'stopped'
  | 'shutting-down'
  | 'terminated';

export interface SandboxInstance {
  /** EC2 `i-…` id; GCE instance name. */
  instanceId: string;
  region: string;
  zone: string;
  state: SandboxInstanceState;
  instanceType: string;
  imageId: string;
  privateIp: string;
  publicIp: string | null;
  launchedAt: string;
  /** Tags (EC2) or labels (GCE). */
  tags: Record<string, string>;
  /** Plain text user data / startup-script, as launched. */
  userData: string | null;
}

export interface SandboxTimings {
  /** pending → running (ms). */
  bootMs: number;
  /** shutting-down → terminated, stopping → stopped (ms). */
  shutdownMs: number;
  /** How long a terminated instance stays listed (ms), as EC2 keeps them about an hour. */
  terminatedRetentionMs: number;
}

export interface SandboxFaults {
  /** Share (0..1) of API calls answered with the cloud's throttling error. */
  throttleShare: number;
  /** Share (0..1) of API calls answered with a 5xx. */
  errorShare: number;
  /** Launches matching any entry fail with the cloud's insufficient-capacity error. */
  capacity: { instanceType?: string; zone?: string }[];
  /** Added to every API call (ms). */
  latencyMs: number;
}

export interface StateChange {
  instance: SandboxInstance;
  previous: SandboxInstanceState | null;
}

export interface SandboxCloud {
  readonly kind: 'ec2' | 'gce' | 'openstack' | 'cloudstack';
  /** Base URL of the API endpoint, e.g. http://127.0.0.1:4566 — what credentials' `endpoint` is set to. */
  readonly url: string;
  /** Listen on 127.0.0.1 at `port` (0: any free port). */
  start(port?: number): Promise<void>;
  stop(): Promise<void>;
  setFaults(faults: Partial<SandboxFaults>): void;
  clearFaults(): void;
  faults(): SandboxFaults;
  setTimings(timings: Partial<SandboxTimings>): void;
  timings(): SandboxTimings;
  /** Terminates an instance behind Drover's back, as a spot reclaim or a person in the console would. */
  kill(instanceId: string): boolean;
  instances(): SandboxInstance[];
  /** The next `count` calls of `action` act, then lose their answer (lost-responses.ts). */
  loseResponses(action: string, count?: number, kind?: LostResponseKind): void;
  /** The next `count` state changes reach every listener twice (duplicate-deliveries.ts). */
  duplicateStateChanges(count?: number): void;
  /** Called on every state change; returns an unsubscribe function. */
  onStateChange(listener: (change: StateChange) => void): () => void;
  /** Counts of API calls by action name since start (for benchmarks and tests). */
  callCounts(): Record<string, number>;
  /** The latest API calls with their outcome, oldest first (a bounded window). */
  recentCalls(): RecordedCall[];
  /** What its simulated agents report as their CPU and load (simulated-load.ts). */
  readonly load: SimulatedLoad;
}
