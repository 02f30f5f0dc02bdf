// Optimistic concurrency: every write of a versioned spec names the version it was based on.
import { PreconditionFailed, PreconditionRequired } from '../domain/errors';

/** The version a write expects, from the request's If-Match; refuses a write without one. */
export function expectedVersion(
  ifMatch: number | '*' | undefined,
  current: { version: number },
  what: string,
): number {
  if (ifMatch === undefined) {
    throw new PreconditionRequired(
      `Writing a ${what} requires an If-Match header with the ETag you read (e.g. If-Match: "${current.version}"), so that no one's change is lost.`,
    );
  }
  if (ifMatch === '*') return current.version;
  if (ifMatch !== current.version) {
    throw new PreconditionFailed(
      `The ${what} has changed since version ${ifMatch}: it is now at version ${current.version}. Reload it and apply your change again.`,
      current.version,
    );
  }
  return ifMatch;
}
