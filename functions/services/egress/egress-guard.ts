// The egress guard: the policy (egress-policy.ts) applied to a name after resolving it.
// Two moments, one set of rules:
//   - at save, `checkEgressUrl` answers 422 at the field that holds the URL;
//   - at connect, `resolveEgressTarget` resolves the name again and hands back the one address
//     the connection must go to (adapters/egress/guarded-agents.ts), so a name that resolves to a
//     public address at save and to 127.0.0.1 later (DNS rebinding) is refused, not followed.
import { Unprocessable } from '../../domain/errors';
import type { HostResolver, ResolvedAddress } from '../../ports/host-resolver';
import { addressesRefusal, type EgressPolicy, urlRefusal } from './egress-policy';

export interface Egress {
  policy: EgressPolicy;
  resolver: HostResolver;
}

export type EgressTarget =
  | { kind: 'ok'; address: ResolvedAddress }
  /** Not allowed: never worth a retry. */
  | { kind: 'refused'; reason: string }
  /** The name did not resolve now: worth another try. */
  | { kind: 'unresolved'; reason: string };

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

/** At save: throws 422 at `field` when hosted mode forbids the URL. */
export async function checkEgressUrl(
  egress: Egress,
  url: string,
  field: { in?: string; path: string; what: string },
): Promise<void> {
  if (!egress.policy.hosted) return;
  const refuse = (message: string) =>
    new Unprocessable(`${field.what} is not allowed: ${message}`, [
      { in: field.in ?? 'body', path: field.path, message },
    ]);
  const parsed = new URL(url);
  let addresses: ResolvedAddress[];
  try {
    addresses = await egress.resolver.resolve(bare(parsed.hostname));
  } catch {
    throw refuse(`${parsed.hostname} does not resolve`);
  }
  if (addresses.length === 0) throw refuse(`${parsed.hostname} does not resolve`);
  const why = addressesRefusal(egress.policy, addresses);
  if (why) throw refuse(`must reach a public address (${why})`);
  const urlWhy = urlRefusal(egress.policy, parsed, addresses);
  if (urlWhy) throw refuse(urlWhy);
}

/** At connect: the address to connect to, after the same rules on a fresh resolution. */
export async function resolveEgressTarget(egress: Egress, url: URL): Promise<EgressTarget> {
  const host = bare(url.hostname);
  let addresses: ResolvedAddress[];
  try {
    addresses = await egress.resolver.resolve(host);
  } catch (err) {
    return { kind: 'unresolved', reason: `${host} does not resolve (${(err as Error).message})` };
  }
  if (addresses.length === 0) return { kind: 'unresolved', reason: `${host} has no address` };
  const why = addressesRefusal(egress.policy, addresses);
  if (why) return { kind: 'refused', reason: `${host} resolves to a forbidden address: ${why}` };
  const urlWhy = urlRefusal(egress.policy, url, addresses);
  if (urlWhy) return { kind: 'refused', reason: `the URL ${urlWhy}` };
  return { kind: 'ok', address: addresses[0]! };
}
