// Fault injection, the same for every sandbox cloud: the current faults, the control API's
// schema for changing them, and the dice a call rolls before its action runs. Each cloud turns
// what the dice say into its own wire error (EC2's RequestLimitExceeded, GCE's 429 …), so a
// faulted call fails the way the real cloud fails and has no side effect.
import { z } from 'zod';
import { LOST_RESPONSE_KINDS } from './lost-responses';
import type { SandboxFaults } from './sandbox-cloud';

export const NO_FAULTS: SandboxFaults = { throttleShare: 0, errorShare: 0, capacity: [], latencyMs: 0 };

const Share = z.number().min(0).max(1);

/** What `PUT /_sandbox/faults` accepts: any part of SandboxFaults, nothing else. */
export const FaultsPatch = z
  .object({
    throttleShare: Share,
    errorShare: Share,
    capacity: z.array(
      z
        .object({ instanceType: z.string().min(1), zone: z.string().min(1) })
        .partial()
        .strict(),
    ),
    latencyMs: z.number().int().min(0).max(60_000),
  })
  .partial()
  .strict();

/** What `POST /_sandbox/lost-responses` accepts: the action as the cloud's call log names it (RunInstances, instances.insert). */
export const LostResponsesRequest = z
  .object({
    action: z.string().min(1),
    count: z.number().int().min(1).max(1000).optional(),
    kind: z.enum(LOST_RESPONSE_KINDS).optional(),
  })
  .strict();

/** What `POST /_sandbox/duplicate-events` accepts. */
export const DuplicateEventsRequest = z
  .object({ count: z.number().int().min(1).max(1000).optional() })
  .strict();

/** What a call suffers: throttled, a server error (500 or 503, the cloud picks its wording), or nothing. */
export type FaultOutcome = 'throttled' | 'internal-error' | 'unavailable' | null;

export class FaultInjector {
  private faults: SandboxFaults;

  /** `random` decides the shares (tests pass a deterministic one). */
  constructor(
    private readonly random: () => number,
    initial: Partial<SandboxFaults> = {},
  ) {
    this.faults = { ...structuredClone(NO_FAULTS), ...structuredClone(initial) };
  }

  /** A copy: callers cannot change the faults behind the injector's back. */
  current(): SandboxFaults {
    return structuredClone(this.faults);
  }

  merge(patch: Partial<SandboxFaults>): void {
    this.faults = { ...this.faults, ...structuredClone(patch) };
  }

  clear(): void {
    this.faults = structuredClone(NO_FAULTS);
  }

  /** Waits the configured latency, then rolls for throttling and for a server error (a share of 0 rolls nothing). */
  async strike(): Promise<FaultOutcome> {
    const { latencyMs, throttleShare, errorShare } = this.faults;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (throttleShare > 0 && this.random() < throttleShare) return 'throttled';
    if (errorShare > 0 && this.random() < errorShare)
      return this.random() < 0.5 ? 'internal-error' : 'unavailable';
    return null;
  }

  /** Whether a launch of `instanceType` in `zone` finds no capacity: an entry matches when every field it names does. */
  lacksCapacity(instanceType: string, zone: string): boolean {
    return this.faults.capacity.some(
      (c) =>
        (c.instanceType !== undefined || c.zone !== undefined) &&
        (c.instanceType === undefined || c.instanceType === instanceType) &&
        (c.zone === undefined || c.zone === zone),
    );
  }
}
