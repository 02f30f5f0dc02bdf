// The throttles of the public routes, counted in the Store (ports/attempt-counters.ts) so every
// Lambda enforces the same limits. A key over its limit answers 429 with Retry-After: the
// seconds until its window ends.
//   sign-in  per email:   failures only; a success clears them (a user who typed a wrong password
//                         a few times is not punished later)
//   sign-in  per address: failures only, never cleared by a success (one address guessing many
//                         emails); higher, as offices and NATs share an address
//   sign-up  per address: every attempt that reached the service
import { TooManyRequests } from '../../domain/errors';
import type { AttemptCounterRepo } from '../../ports/attempt-counters';
import type { Clock } from '../../ports/clock';

export interface ThrottleLimit {
  max: number;
  windowMs: number;
}

export interface Throttles {
  signInPerEmail: ThrottleLimit;
  signInPerAddress: ThrottleLimit;
  signUpPerAddress: ThrottleLimit;
}

const MINUTE = 60_000;

export const DEFAULT_THROTTLES: Throttles = {
  signInPerEmail: { max: 10, windowMs: 15 * MINUTE },
  signInPerAddress: { max: 50, windowMs: 15 * MINUTE },
  signUpPerAddress: { max: 5, windowMs: 60 * MINUTE },
};

export interface ThrottleDeps {
  store: { attempts: AttemptCounterRepo };
  clock: Clock;
  throttles?: Partial<Throttles>;
}

export function limitOf(deps: ThrottleDeps, name: keyof Throttles): ThrottleLimit {
  return deps.throttles?.[name] ?? DEFAULT_THROTTLES[name];
}

/** Throws TooManyRequests (with Retry-After) when `key` has used up its window. */
export async function refuseWhenExhausted(
  deps: ThrottleDeps,
  name: keyof Throttles,
  key: string,
  message: string,
): Promise<void> {
  const now = deps.clock.now();
  const open = await deps.store.attempts.get(`${name}#${key}`, now);
  if (open && open.count >= limitOf(deps, name).max)
    throw new TooManyRequests(message, (open.windowEndsAt.getTime() - now.getTime()) / 1000);
}

export function countAttempt(deps: ThrottleDeps, name: keyof Throttles, key: string) {
  return deps.store.attempts.add(`${name}#${key}`, deps.clock.now(), limitOf(deps, name).windowMs);
}

export function forgetAttempts(deps: ThrottleDeps, name: keyof Throttles, key: string) {
  return deps.store.attempts.clear(`${name}#${key}`);
}
