// Lost responses, the same for every sandbox cloud: a call armed here is carried out — the
// instance exists, the disk is deleted — and then its answer never reaches the client, the way a
// real cloud's load balancer times out on a slow backend or a connection drops mid-answer. Only
// idempotency (EC2's ClientToken, GCE's requestId, a look-up by name on the private clouds) keeps
// the client's retry from acting twice; faults rolled *before* the action never test that.

/** How the answer is lost: a load balancer's 504 after the backend acted, or the connection reset with no answer at all. */
export type LostResponseKind = 'gateway-timeout' | 'connection-reset';

export const LOST_RESPONSE_KINDS = ['gateway-timeout', 'connection-reset'] as const;

export class LostResponses {
  /** Per action (lower case: CloudStack's commands are case-insensitive), the kinds still to lose, first first. */
  private readonly armed = new Map<string, LostResponseKind[]>();
  /** Answers lost since start, by action as the cloud named it (tests check the losses happened). */
  readonly done: string[] = [];

  arm(action: string, count: number, kind: LostResponseKind): void {
    const key = action.toLowerCase();
    this.armed.set(key, [...(this.armed.get(key) ?? []), ...Array<LostResponseKind>(count).fill(kind)]);
  }

  /** Called after `action` has acted: how its answer is lost, or undefined when it goes through. */
  take(action: string): LostResponseKind | undefined {
    const queue = this.armed.get(action.toLowerCase());
    const kind = queue?.shift();
    if (queue?.length === 0) this.armed.delete(action.toLowerCase());
    if (kind) this.done.push(action);
    return kind;
  }

  clear(): void {
    this.armed.clear();
  }
}
