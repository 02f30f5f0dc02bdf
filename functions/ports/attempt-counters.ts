// Counted attempts in a time window, for the throttles of the public routes (sign-in per email
// and per address, sign-up per address). Kept in the Store so every Lambda sees the same counts;
// a window's item expires by itself (DynamoDB TTL).

export interface AttemptWindow {
  count: number;
  /** When this window ends and the count starts again from nothing. */
  windowEndsAt: Date;
}

export interface AttemptCounterRepo {
  /** The attempts counted under `key` in its open window; undefined when none is open at `now`. */
  get(key: string, now: Date): Promise<AttemptWindow | undefined>;
  /** Counts one attempt, opening a window of `windowMs` when none is open at `now`. */
  add(key: string, now: Date, windowMs: number): Promise<AttemptWindow>;
  /** Forgets the attempts under `key` (a successful sign-in clears its email's failures). */
  clear(key: string): Promise<void>;
}
